package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#COALITION_ALREADY_FOUNDED}. */
public class CoalitionAlreadyFounded extends CoalitionRuleViolation {
    public CoalitionAlreadyFounded(String message) {
        super(CoalitionErrorCode.COALITION_ALREADY_FOUNDED, message);
    }
}
