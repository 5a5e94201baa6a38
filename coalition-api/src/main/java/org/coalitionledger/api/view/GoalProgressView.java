package org.coalitionledger.api.view;

import java.util.List;

/** Every goal of the coalition, ordered by the day it was set, then goal id. */
public record GoalProgressView(String coalitionId, List<GoalView> goals) {
    public GoalProgressView {
        goals = goals == null ? List.of() : List.copyOf(goals);
    }
}
