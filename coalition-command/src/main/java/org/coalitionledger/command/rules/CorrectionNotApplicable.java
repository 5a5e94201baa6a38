package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#CORRECTION_NOT_APPLICABLE}. */
public class CorrectionNotApplicable extends CoalitionRuleViolation {
    public CorrectionNotApplicable(String message) {
        super(CoalitionErrorCode.CORRECTION_NOT_APPLICABLE, message);
    }
}
