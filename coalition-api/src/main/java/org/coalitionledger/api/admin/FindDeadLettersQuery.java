package org.coalitionledger.api.admin;

/** The dead letters of every projection, oldest first, at most {@code limit} of them. Answered with a {@link DeadLetterListView}. */
public record FindDeadLettersQuery(int limit) {
}
