package org.coalitionledger.api.view;

/** Ask how far a views rebuild has got, as a {@link ViewsRebuildProgress}: for administrators. */
public record FindViewsRebuildProgressQuery() {
}
