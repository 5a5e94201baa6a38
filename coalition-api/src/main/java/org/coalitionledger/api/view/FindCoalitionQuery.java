package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link CoalitionView}, live ({@code recordedAt} null) or as recorded at the instant {@code recordedAt}. */
public record FindCoalitionQuery(String coalitionId, Instant recordedAt) {
}
