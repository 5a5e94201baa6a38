package org.coalitionledger.api.view;

/**
 * Ask for a page of the coalitions the ledger holds, by coalition id, as a {@link CoalitionListView}: at most
 * {@code limit} of them, those after the id {@code after} (null for the first page).
 */
public record FindCoalitionsQuery(String after, int limit) {
    public FindCoalitionsQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
