package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#RECORD_RETRACTED}. */
public class RecordRetracted extends CoalitionRuleViolation {
    public RecordRetracted(String message) {
        super(CoalitionErrorCode.RECORD_RETRACTED, message);
    }
}
