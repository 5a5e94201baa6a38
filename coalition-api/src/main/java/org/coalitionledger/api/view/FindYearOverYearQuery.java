package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link YearOverYearView}; {@code recordedAt} null means live, else as recorded at that instant.
 * {@code asOfCheckpoint}, when given (a signed checkpoint's tree size), asks for the view as of that checkpoint.
 */
public record FindYearOverYearQuery(String coalitionId, YearBasis basis, Instant recordedAt, Long asOfCheckpoint) {

    /** Live ({@code recordedAt} null) or as recorded at an instant. */
    public FindYearOverYearQuery(String coalitionId, YearBasis basis, Instant recordedAt) {
        this(coalitionId, basis, recordedAt, null);
    }
}
