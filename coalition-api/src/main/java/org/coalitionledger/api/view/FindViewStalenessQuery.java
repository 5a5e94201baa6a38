package org.coalitionledger.api.view;

/** Whether a coalition's live views are stale (an event of it is parked); answered with a {@link ViewStaleness}. */
public record FindViewStalenessQuery(String coalitionId) {
}
