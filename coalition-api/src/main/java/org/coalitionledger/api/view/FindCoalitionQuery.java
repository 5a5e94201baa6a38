package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link CoalitionView}, live ({@code recordedAt} null) or as recorded at the instant {@code recordedAt}.
 * {@code asOfCheckpoint}, when given (a signed checkpoint's tree size), asks for the view as of that checkpoint.
 */
public record FindCoalitionQuery(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {

    /** Live ({@code recordedAt} null) or as recorded at an instant. */
    public FindCoalitionQuery(String coalitionId, Instant recordedAt) {
        this(coalitionId, recordedAt, null);
    }
}
