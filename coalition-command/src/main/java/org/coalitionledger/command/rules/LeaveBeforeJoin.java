package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#LEAVE_BEFORE_JOIN}. */
public class LeaveBeforeJoin extends CoalitionRuleViolation {
    public LeaveBeforeJoin(String message) {
        super(CoalitionErrorCode.LEAVE_BEFORE_JOIN, message);
    }
}
