package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#STALE_RECORD_VERSION}. */
public class StaleRecordVersion extends CoalitionRuleViolation {
    public StaleRecordVersion(String message) {
        super(CoalitionErrorCode.STALE_RECORD_VERSION, message);
    }
}
