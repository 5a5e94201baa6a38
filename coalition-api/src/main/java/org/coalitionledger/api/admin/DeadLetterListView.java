package org.coalitionledger.api.admin;

import java.util.List;

/**
 * Dead letters, oldest first.
 *
 * @param total       how many dead letters the queues hold in all
 * @param deadLetters the first of them (payload and metadata left out: ask for one letter to see them)
 */
public record DeadLetterListView(long total, List<DeadLetterView> deadLetters) {

    public DeadLetterListView {
        deadLetters = deadLetters == null ? List.of() : List.copyOf(deadLetters);
    }
}
