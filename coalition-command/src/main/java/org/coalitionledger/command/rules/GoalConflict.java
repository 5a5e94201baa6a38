package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#GOAL_CONFLICT}. */
public class GoalConflict extends CoalitionRuleViolation {
    public GoalConflict(String message) {
        super(CoalitionErrorCode.GOAL_CONFLICT, message);
    }
}
