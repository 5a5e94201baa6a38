package org.coalitionledger.api.view;

/** Ask for every coalition the ledger holds, as a {@link CoalitionListView}. */
public record FindCoalitionsQuery() {
}
