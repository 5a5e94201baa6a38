package org.coalitionledger.api.admin;

import java.util.List;

/**
 * Dead letters, oldest first.
 *
 * @param total       how many dead letters the queues hold in all, counted up to 10,000
 * @param totalCapped true when they hold more than 10,000 (the count stops there, so the list costs the same however
 *                    many are parked)
 * @param deadLetters the first of them (payload and metadata left out: ask for one letter to see them)
 */
public record DeadLetterListView(long total, boolean totalCapped, List<DeadLetterView> deadLetters) {

    public DeadLetterListView {
        deadLetters = deadLetters == null ? List.of() : List.copyOf(deadLetters);
    }
}
