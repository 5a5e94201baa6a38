package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link GoalProgressView}; {@code recordedAt} null means live, else as recorded at that instant.
 * {@code asOfCheckpoint}, when given (a signed checkpoint's tree size), asks for the view as of that checkpoint.
 */
public record FindGoalProgressQuery(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {

    /** Live ({@code recordedAt} null) or as recorded at an instant. */
    public FindGoalProgressQuery(String coalitionId, Instant recordedAt) {
        this(coalitionId, recordedAt, null);
    }
}
