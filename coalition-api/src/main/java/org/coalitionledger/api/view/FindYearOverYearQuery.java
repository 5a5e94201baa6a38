package org.coalitionledger.api.view;

import java.time.Instant;

/** Ask for the {@link YearOverYearView}; {@code recordedAt} null means live, else as recorded at that instant. */
public record FindYearOverYearQuery(String coalitionId, YearBasis basis, Instant recordedAt) {
}
