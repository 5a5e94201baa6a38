package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A member's report (takedown batch {@code recordId}) over [periodStart, periodEnd] was filed: the coalition's
 * stream records it beside the record's own, so membership changes see the reports they must not leave outside a
 * membership, and a report and a departure racing each other meet on one stream. Not a figure: the views count
 * the record's own event.
 */
@Revision("1")
public record MemberReportFiledEvent(String coalitionId, String memberId, String recordId, LocalDate periodStart,
                                     LocalDate periodEnd) {
}
