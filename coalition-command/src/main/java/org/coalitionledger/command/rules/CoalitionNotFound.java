package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#COALITION_NOT_FOUND}. */
public class CoalitionNotFound extends CoalitionRuleViolation {
    public CoalitionNotFound(String message) {
        super(CoalitionErrorCode.COALITION_NOT_FOUND, message);
    }
}
