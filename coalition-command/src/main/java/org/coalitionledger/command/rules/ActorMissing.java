package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#ACTOR_MISSING}. */
public class ActorMissing extends CoalitionRuleViolation {
    public ActorMissing(String message) {
        super(CoalitionErrorCode.ACTOR_MISSING, message);
    }
}
