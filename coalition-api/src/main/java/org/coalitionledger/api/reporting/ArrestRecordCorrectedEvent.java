package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

/** An arrest record was restated: this is its count from now on. */
@Revision("1")
public record ArrestRecordCorrectedEvent(String coalitionId, String recordId, long count, String reason) {
}
