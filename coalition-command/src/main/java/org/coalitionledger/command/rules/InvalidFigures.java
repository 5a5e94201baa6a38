package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** New figures that are wrong only in the light of the record they correct (zero totals, currency decimals). */
public class InvalidFigures extends CoalitionRuleViolation {
    public InvalidFigures(CoalitionErrorCode code, String message) {
        super(code, message);
    }
}
