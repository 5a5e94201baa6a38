package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** A batch of takedowns over [periodStart, periodEnd] was reported. The record id is {@code batchId}. */
@Revision("1")
public record TakedownBatchRecordedEvent(String coalitionId, String batchId, ReporterType reporterType,
                                         String reporterMemberId, String reporterName, LocalDate periodStart,
                                         LocalDate periodEnd, long listingsRemoved, long adsBlocked,
                                         long accountsRemoved, List<String> categories, String scope, String source) {
}
