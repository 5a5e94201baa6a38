package org.coalitionledger.api.admin;

import java.time.Instant;

/**
 * An event a projection failed to handle, parked with every later event of its sequence until an administrator
 * retries or evicts it.
 *
 * @param deadLetterId        the letter's id
 * @param processingGroup     the projection's processing group
 * @param sequenceIdentifier  the parked sequence, e.g. {@code coalition:<id>}
 * @param coalitionId         the coalition whose views the sequence feeds (stale while it is parked), or null
 * @param sequenceIndex       the letter's place in its sequence (lowest is handled first)
 * @param eventId             the parked event's id
 * @param aggregateIdentifier the stream it is stored in
 * @param aggregateSequence   its sequence number in that stream
 * @param payloadType         its stored payload type
 * @param payloadRevision     its stored payload revision
 * @param recordedAt          its timestamp in the event store
 * @param enqueuedAt          when it was parked
 * @param lastTouched         when it was last parked or retried
 * @param causeType           the failure's type (null for a letter parked behind an earlier one of its sequence)
 * @param causeMessage        the failure's message
 * @param payload             the stored payload as JSON text (only when one letter is asked for)
 * @param metaData            the stored metadata as JSON text (only when one letter is asked for)
 */
public record DeadLetterView(String deadLetterId, String processingGroup, String sequenceIdentifier,
                             String coalitionId, long sequenceIndex, String eventId, String aggregateIdentifier,
                             Long aggregateSequence, String payloadType, String payloadRevision, String recordedAt,
                             Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage,
                             String payload, String metaData) {
}
