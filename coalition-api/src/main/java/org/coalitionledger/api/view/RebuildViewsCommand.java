package org.coalitionledger.api.view;

import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;

import static org.coalitionledger.api.validation.Checks.MAX_TEXT;
import static org.coalitionledger.api.validation.Checks.id;
import static org.coalitionledger.api.validation.Checks.text;

/**
 * An administrator's operation: empty every view projection and rebuild it from the event store, for a reason.
 * Answered with a {@link ViewsRebuild} once the processors have been reset and restarted (not once they have caught
 * up), and recorded as a {@link ViewsRebuildStartedEvent}. Like every command it must carry the {@code actor} and
 * {@code actorRole} metadata, which the event keeps, so the ledger shows who asked for it.
 */
public record RebuildViewsCommand(String rebuildId, String reason) {
    public RebuildViewsCommand {
        id(rebuildId, "rebuildId");
        reason = text(reason, "reason", MAX_TEXT);
    }
}
