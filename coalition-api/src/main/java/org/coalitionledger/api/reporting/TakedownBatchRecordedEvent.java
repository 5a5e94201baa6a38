package org.coalitionledger.api.reporting;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A batch of takedowns over [periodStart, periodEnd] was reported. The record id is {@code batchId}.
 * <p>
 * Revision 2 names the reporter as one value, {@code reporter: {type, memberId, name}}, as the command and the HTTP
 * body do. Revision 1 (stored until this change) had three flat fields {@code reporterType}, {@code reporterMemberId}
 * and {@code reporterName}; stored revision-1 events are read through the upcaster in coalition-audit
 * ({@code TakedownBatchReporterUpcaster}), by the server and the offline verifier alike. Their stored bytes, and so
 * their log leaves, never change.
 */
@Revision("2")
public record TakedownBatchRecordedEvent(String coalitionId, String batchId, ReportedBy reporter,
                                         LocalDate periodStart, LocalDate periodEnd, long listingsRemoved,
                                         long adsBlocked, long accountsRemoved, List<String> categories, String scope,
                                         String source) {

    /**
     * Who reported the batch: a member (by {@code memberId}) or an NGO or agency (by {@code name}). Unlike the
     * command's {@link Reporter} it checks nothing: history must always read back.
     */
    public record ReportedBy(ReporterType type, String memberId, String name) {

        public static ReportedBy of(Reporter reporter) {
            return new ReportedBy(reporter.type(), reporter.memberId(), reporter.name());
        }
    }
}
