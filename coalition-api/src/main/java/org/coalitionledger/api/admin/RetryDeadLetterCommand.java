package org.coalitionledger.api.admin;

import static org.coalitionledger.api.validation.Checks.MAX_TEXT;
import static org.coalitionledger.api.validation.Checks.id;
import static org.coalitionledger.api.validation.Checks.text;

/**
 * An administrator's operation: handle the parked sequence of this dead letter again, in order, for a reason.
 * Answered with a {@link DeadLetterRetry}; recorded as a {@link DeadLetterRetriedEvent} naming who asked.
 */
public record RetryDeadLetterCommand(String deadLetterId, String reason) {

    public RetryDeadLetterCommand {
        id(deadLetterId, "deadLetterId");
        reason = text(reason, "reason", MAX_TEXT);
    }
}
