package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

/** A record was withdrawn for good; it counts for nothing from now on. */
@Revision("1")
public record RecordRetractedEvent(String coalitionId, String recordId, String reason) {
}
