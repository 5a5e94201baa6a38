package org.coalitionledger.api.view;

import java.time.Instant;

/**
 * Ask for the restatement trail, a {@link RestatementTrailView} listing {@link RestatementView}s in record order;
 * {@code recordedAt} null means live, else only what was recorded up to that instant.
 * {@code asOfCheckpoint}, when given (a signed checkpoint's tree size), asks for the view as of that checkpoint.
 */
public record FindRestatementsQuery(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {

    /** Live ({@code recordedAt} null) or as recorded at an instant. */
    public FindRestatementsQuery(String coalitionId, Instant recordedAt) {
        this(coalitionId, recordedAt, null);
    }
}
