package org.coalitionledger.api.admin;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * An administrator had every view projection emptied and rebuilt from the event store, for the reason given. Who
 * asked is the event's {@code actor}/{@code actorRole} metadata; stored on {@link AdminStreams#viewsRebuild}.
 *
 * @param rebuildId  the rebuild's id (made by the server)
 * @param processors the event processors that were reset and restarted
 * @param reason     why, in the administrator's words
 */
@Revision("1")
public record ViewsRebuildStartedEvent(String rebuildId, List<String> processors, String reason) {
}
