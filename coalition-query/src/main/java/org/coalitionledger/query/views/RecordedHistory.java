package org.coalitionledger.query.views;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LoggedHistory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * A coalition's views as the ledger recorded them at an instant, or as of a signed checkpoint: the shared fold over
 * the coalition's events in the order the verifiable log holds them ({@link LoggedHistory}), never the live rows.
 * The log, not the event store, decides both the order and the record time, so an answer for a past instant never
 * changes and the offline verifier reproduces an answer as of a checkpoint exactly.
 */
@Component
class RecordedHistory {

    private final LoggedHistory history;

    RecordedHistory(LoggedHistory history) {
        this.history = history;
    }

    /** The fold for the restatement trail alone: it holds the restatements and only the records they need. */
    CoalitionLedgerFold foldForTrail(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {
        return history.foldForTrail(coalitionId, asOfCheckpoint == null ? recordedAt : null, asOfCheckpoint);
    }

    /** The fold for every view but the restatement trail, which may hold a year table instead of the records. */
    CoalitionLedgerFold foldWithoutTrail(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {
        return history.foldWithoutTrail(coalitionId, asOfCheckpoint == null ? recordedAt : null, asOfCheckpoint);
    }
}
