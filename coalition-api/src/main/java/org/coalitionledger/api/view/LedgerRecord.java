package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** A figure record as the fold holds it: where it belongs in time, its current figures and its restatement state. */
final class LedgerRecord {

    final String recordId;
    final RecordKind kind;
    /** Period end for a batch, the date for an arrest or confiscation: the one date that picks the year. */
    final LocalDate businessDate;
    /** The recorded batch, for its reporter and categories; null for other kinds. */
    final TakedownBatchRecordedEvent batch;
    RecordFigures figures;
    boolean retracted;
    boolean restated;
    final Set<FigureName> restatedFigures = EnumSet.noneOf(FigureName.class);
    /** Who recorded the record (its recording event's actor), shown beside who restated it. */
    final String recordedBy;
    /** Its place in fold order, given when its book keeps it. */
    int ordinal = -1;

    LedgerRecord(String recordId, RecordKind kind, LocalDate businessDate, TakedownBatchRecordedEvent batch,
                 RecordFigures figures, String recordedBy) {
        this.recordId = recordId;
        this.kind = kind;
        this.businessDate = businessDate;
        this.batch = batch;
        this.figures = figures;
        this.recordedBy = recordedBy;
    }
}
