package org.coalitionledger.api.view;

import java.time.Instant;

/**
 * Ask for the restatement trail, a {@link RestatementTrailView} listing {@link RestatementView}s in record order;
 * {@code recordedAt} null means live, else only what was recorded up to that instant.
 */
public record FindRestatementsQuery(String coalitionId, Instant recordedAt) {
}
