package org.coalitionledger.api.admin;

/**
 * The answer to {@link EvictDeadLetterCommand}: how much of the sequence is still parked, and the id of the recorded
 * {@link DeadLetterEvictedEvent}.
 */
public record DeadLetterEviction(String deadLetterId, String sequenceIdentifier, long stillParked,
                                 String recordedEventId) {
}
