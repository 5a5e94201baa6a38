package org.coalitionledger.api.view;

/** Ask for the {@link CoalitionView}. */
public record FindCoalitionQuery(String coalitionId) {
}
