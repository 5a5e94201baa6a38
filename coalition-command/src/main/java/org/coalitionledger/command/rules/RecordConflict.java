package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#RECORD_CONFLICT}. */
public class RecordConflict extends CoalitionRuleViolation {
    public RecordConflict(String message) {
        super(CoalitionErrorCode.RECORD_CONFLICT, message);
    }
}
