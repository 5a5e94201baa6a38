package org.coalitionledger.api.view;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One correction or retraction, in record order.
 *
 * @param kind         the record's kind; null only for a retraction of a record the ledger does not hold
 * @param businessDate the date the record is attributed to (a batch's period end, an arrest's or confiscation's
 *                     date); null when the record is unknown
 * @param before       the record's figures just before; null when the ledger does not hold the record (which the
 *                     command side never lets happen)
 * @param after        the figures from then on; null for a retraction (and for a correction of an unknown record)
 * @param actor        who corrected or retracted it (the event's actor metadata, as given in the
 *                     {@link LedgerEntry}): with a named credential, the person
 * @param recordedAt   when the ledger recorded the restatement
 * @param recordedBy   who recorded the record itself (its recording event's actor); null when the ledger does not
 *                     hold the record
 */
public record RestatementView(String recordId, RecordKind kind, RestatementType type, LocalDate businessDate,
                              RecordFigures before, RecordFigures after, String reason, String actor,
                              Instant recordedAt, String eventId, String recordedBy) {
}
