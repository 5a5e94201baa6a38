package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#REPORTER_NOT_A_MEMBER_FOR_PERIOD}. */
public class ReporterNotAMemberForPeriod extends CoalitionRuleViolation {
    public ReporterNotAMemberForPeriod(String message) {
        super(CoalitionErrorCode.REPORTER_NOT_A_MEMBER_FOR_PERIOD, message);
    }
}
