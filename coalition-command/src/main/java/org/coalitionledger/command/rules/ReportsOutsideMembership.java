package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#REPORTS_OUTSIDE_MEMBERSHIP}. */
public class ReportsOutsideMembership extends CoalitionRuleViolation {
    public ReportsOutsideMembership(String message) {
        super(CoalitionErrorCode.REPORTS_OUTSIDE_MEMBERSHIP, message);
    }
}
