package org.coalitionledger.api.admin;

import org.axonframework.serialization.Revision;

/**
 * An administrator had a parked sequence of a projection handled again, starting from this dead letter, for the
 * reason given. Who asked is the event's {@code actor}/{@code actorRole} metadata; stored on
 * {@link AdminStreams#deadLetter}.
 *
 * @param deadLetterId       the dead letter the retry was asked for
 * @param processingGroup    the projection's processing group
 * @param sequenceIdentifier the parked sequence (e.g. {@code coalition:<id>}); every letter of it was retried in order
 * @param eventId            the id of the parked event
 * @param succeeded          whether the whole sequence was handled (and left the queue)
 * @param stillParked        how many events of the sequence were still parked after the retry
 * @param reason             why, in the administrator's words
 */
@Revision("1")
public record DeadLetterRetriedEvent(String deadLetterId, String processingGroup, String sequenceIdentifier,
                                     String eventId, boolean succeeded, long stillParked, String reason) {
}
