package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/**
 * A command the ledger refuses because of what it already holds. Each rule has its own subclass (so tests and
 * logs name it) and carries the stable code clients see.
 */
public abstract class CoalitionRuleViolation extends RuntimeException {

    private final CoalitionErrorCode code;

    protected CoalitionRuleViolation(CoalitionErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public CoalitionErrorCode code() {
        return code;
    }
}
