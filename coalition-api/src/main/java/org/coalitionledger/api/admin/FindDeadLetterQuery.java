package org.coalitionledger.api.admin;

/** One dead letter with its stored payload and metadata; answered with a {@link DeadLetterView}, or null if absent. */
public record FindDeadLetterQuery(String deadLetterId) {
}
