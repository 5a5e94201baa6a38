package org.coalitionledger.api.view;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The ledger's history as its verifiable log holds it: what the views as recorded at an instant and as of a signed
 * checkpoint are folded from. Provided by the log's server half; the query side only reads it.
 */
public interface LoggedHistory {

    /**
     * Passes {@code action} each logged event of the coalition, in log order: those logged at or before
     * {@code recordedAt}, or those within the first {@code treeSize} leaves. Exactly one of the two is given.
     */
    void forEachEntry(String coalitionId, Instant recordedAt, Long treeSize, Consumer<LedgerEntry> action);

    /**
     * The coalition's fold over exactly the entries {@link #forEachEntry} passes, started from the nearest stored
     * snapshot of it where one fits, so the cost follows the coalition's events after that snapshot. Exactly one of
     * {@code recordedAt} and {@code treeSize} is given.
     */
    CoalitionLedgerFold fold(String coalitionId, Instant recordedAt, Long treeSize);

    /**
     * A fold over the same entries as {@link #fold} for every view but the restatement trail: where the coalition's
     * entries after the nearest snapshot only add records, it is continued from that snapshot's head
     * ({@link CoalitionLedgerFold#continueFrom}), so the cost follows the years and those entries, not the
     * coalition's records; otherwise it is {@link #fold}'s.
     */
    CoalitionLedgerFold foldWithoutTrail(String coalitionId, Instant recordedAt, Long treeSize);

    /**
     * A fold over the same entries as {@link #fold} for the restatement trail (and whether the coalition was founded)
     * alone: restored from the nearest snapshot's restatements and only the records that the entries after it
     * record, correct or retract ({@link CoalitionLedgerFold#restoreForTrail}), so the cost follows the trail and
     * those entries, not the coalition's records.
     */
    CoalitionLedgerFold foldForTrail(String coalitionId, Instant recordedAt, Long treeSize);
}
