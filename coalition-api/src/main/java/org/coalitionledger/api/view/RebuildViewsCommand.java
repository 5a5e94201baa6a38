package org.coalitionledger.api.view;

/**
 * An administrator's operation: empty every view projection and rebuild it from the event store. Answered with a
 * {@link ViewsRebuild} once the processors have been reset and restarted (not once they have caught up). Like every
 * command it must carry the {@code actor} and {@code actorRole} metadata, so the log shows who asked for it.
 */
public record RebuildViewsCommand() {
}
