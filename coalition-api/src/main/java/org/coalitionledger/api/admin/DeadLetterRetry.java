package org.coalitionledger.api.admin;

/**
 * The answer to {@link RetryDeadLetterCommand}: whether the parked sequence was handled, how much of it is still
 * parked, and the id of the recorded {@link DeadLetterRetriedEvent}.
 */
public record DeadLetterRetry(String deadLetterId, String sequenceIdentifier, boolean succeeded, long stillParked,
                              String recordedEventId) {
}
