package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#BEFORE_FOUNDING_DATE}. */
public class BeforeFoundingDate extends CoalitionRuleViolation {
    public BeforeFoundingDate(String message) {
        super(CoalitionErrorCode.BEFORE_FOUNDING_DATE, message);
    }
}
