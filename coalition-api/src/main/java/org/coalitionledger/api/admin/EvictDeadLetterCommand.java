package org.coalitionledger.api.admin;

import static org.coalitionledger.api.validation.Checks.MAX_TEXT;
import static org.coalitionledger.api.validation.Checks.id;
import static org.coalitionledger.api.validation.Checks.text;

/**
 * An administrator's operation: remove one dead letter from its queue for a reason, so the projection skips that
 * event for good. Answered with a {@link DeadLetterEviction}; recorded as a {@link DeadLetterEvictedEvent}.
 */
public record EvictDeadLetterCommand(String deadLetterId, String reason) {

    public EvictDeadLetterCommand {
        id(deadLetterId, "deadLetterId");
        reason = text(reason, "reason", MAX_TEXT);
    }
}
