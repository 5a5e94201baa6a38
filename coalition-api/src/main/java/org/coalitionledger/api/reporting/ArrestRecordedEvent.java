package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** {@code count} arrests on {@code date} were reported. */
@Revision("1")
public record ArrestRecordedEvent(String coalitionId, String recordId, LocalDate date, long count,
                                  String jurisdiction, String agency, String scope, String source) {
}
