package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link GoalProgressView}; {@code recordedAt} null means live, else as recorded at that instant. */
public record FindGoalProgressQuery(String coalitionId, Instant recordedAt) {
}
