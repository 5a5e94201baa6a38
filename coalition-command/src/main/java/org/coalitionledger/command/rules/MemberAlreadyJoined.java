package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#MEMBER_ALREADY_JOINED}. */
public class MemberAlreadyJoined extends CoalitionRuleViolation {
    public MemberAlreadyJoined(String message) {
        super(CoalitionErrorCode.MEMBER_ALREADY_JOINED, message);
    }
}
