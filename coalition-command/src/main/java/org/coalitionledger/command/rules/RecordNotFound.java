package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#RECORD_NOT_FOUND}. */
public class RecordNotFound extends CoalitionRuleViolation {
    public RecordNotFound(String message) {
        super(CoalitionErrorCode.RECORD_NOT_FOUND, message);
    }
}
