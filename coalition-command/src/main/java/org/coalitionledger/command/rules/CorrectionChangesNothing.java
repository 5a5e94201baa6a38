package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#CORRECTION_CHANGES_NOTHING}. */
public class CorrectionChangesNothing extends CoalitionRuleViolation {
    public CorrectionChangesNothing(String message) {
        super(CoalitionErrorCode.CORRECTION_CHANGES_NOTHING, message);
    }
}
