package org.coalitionledger.api.admin;

import org.axonframework.serialization.Revision;

/**
 * An administrator removed a dead letter from a projection's queue for the reason given: the projection will never
 * fold that event (a rebuild would meet it again). Who is the event's {@code actor}/{@code actorRole} metadata;
 * stored on {@link AdminStreams#deadLetter}.
 *
 * @param deadLetterId       the evicted dead letter
 * @param processingGroup    the projection's processing group
 * @param sequenceIdentifier the sequence it was parked in (e.g. {@code coalition:<id>})
 * @param eventId            the id of the event the projection now skips
 * @param stillParked        how many events of the sequence are still parked
 * @param reason             why, in the administrator's words
 */
@Revision("1")
public record DeadLetterEvictedEvent(String deadLetterId, String processingGroup, String sequenceIdentifier,
                                     String eventId, long stillParked, String reason) {
}
