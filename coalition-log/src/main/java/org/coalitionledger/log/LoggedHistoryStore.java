package org.coalitionledger.log;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.LoggedHistory;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The history the views as recorded at an instant and as of a checkpoint fold: one coalition's logged events, in
 * leaf order, read through the log's coalition index, so the cost follows that coalition's events and not the whole
 * store; folds start from the nearest stored snapshot ({@link FoldSnapshots}), so they cost only the coalition's
 * events after it. "As recorded at T" is the leaves logged at or before T (a prefix of the log, since log times
 * never go back; leaves from before log times were recorded count by their events' record time). Payloads are read
 * in the stored format the offline verifier reads, so it reproduces these views exactly.
 */
@Component
class LoggedHistoryStore implements LoggedHistory {

    private final AuditLogStore store;
    private final FoldSnapshots snapshots;
    private final TransactionTemplate transactions;

    LoggedHistoryStore(AuditLogStore store, FoldSnapshots snapshots, TransactionTemplate transactions) {
        this.store = store;
        this.snapshots = snapshots;
        this.transactions = transactions;
    }

    @Override
    public void forEachEntry(String coalitionId, Instant recordedAt, Long treeSize, Consumer<LedgerEntry> action) {
        checkOneOf(recordedAt, treeSize);
        transactions.executeWithoutResult(status -> forEachEntryAfter(store, coalitionId, -1, recordedAt, treeSize,
                RowsRead.Read.COALITION_LEAVES, (leafIndex, loggedAt, entry) -> action.accept(entry)));
    }

    @Override
    public CoalitionLedgerFold fold(String coalitionId, Instant recordedAt, Long treeSize) {
        return ofKnownCoalition(coalitionId, recordedAt, treeSize, () -> wholeFold(coalitionId, recordedAt, treeSize));
    }

    @Override
    public CoalitionLedgerFold foldWithoutTrail(String coalitionId, Instant recordedAt, Long treeSize) {
        return ofKnownCoalition(coalitionId, recordedAt, treeSize, () -> {
            Optional<FoldSnapshots.Progress> fromHead = snapshots.nearestHead(coalitionId, recordedAt, treeSize);
            if (fromHead.isPresent()) {
                FoldSnapshots.Progress progress = fromHead.get();
                forEachEntryAfter(store, coalitionId, progress.lastLeafIndex(), recordedAt, treeSize,
                        RowsRead.Read.COALITION_LEAVES, progress::take);
                CoalitionLedgerFold fold = progress.fold();
                // A record the head already counted, recorded again (never via the commands), is ignored by the
                // whole fold; only the whole state shows which those are.
                if (fold.answersWithoutEarlierRecords()
                        && !snapshots.holdsAny(coalitionId, progress.startLeafIndex(), fold.recordIds())) {
                    return fold;
                }
            }
            return wholeFold(coalitionId, recordedAt, treeSize);
        });
    }

    @Override
    public CoalitionLedgerFold foldForTrail(String coalitionId, Instant recordedAt, Long treeSize) {
        return ofKnownCoalition(coalitionId, recordedAt, treeSize, () -> {
            // The entries after the nearest snapshot first: they name the records the fold must hold.
            Optional<FoldSnapshots.Stored> nearest = snapshots.nearestStored(coalitionId, recordedAt, treeSize);
            List<LedgerEntry> after = new ArrayList<>();
            forEachEntryAfter(store, coalitionId, nearest.map(FoldSnapshots.Stored::leafIndex).orElse(-1L),
                    recordedAt, treeSize, RowsRead.Read.COALITION_LEAVES, (leafIndex, loggedAt, entry) ->
                            after.add(entry));
            if (nearest.isEmpty()) {
                return new CoalitionLedgerFold(coalitionId).applyAll(after);
            }
            Set<String> recordIds = new LinkedHashSet<>();
            for (LedgerEntry entry : after) {
                String recordId = CoalitionLedgerFold.recordIdOf(entry.payload());
                if (recordId != null) {
                    recordIds.add(recordId);
                }
            }
            return snapshots.restoreForTrail(nearest.get(), recordIds).map(fold -> fold.applyAll(after))
                    .orElseGet(() -> wholeFold(coalitionId, recordedAt, treeSize));
        });
    }

    /**
     * The fold {@code known} makes, in one transaction, for a coalition the log's index knows; for an unknown one an
     * empty fold after one probe of the index, nothing else read.
     */
    private CoalitionLedgerFold ofKnownCoalition(String coalitionId, Instant recordedAt, Long treeSize,
            java.util.function.Supplier<CoalitionLedgerFold> known) {
        checkOneOf(recordedAt, treeSize);
        return Objects.requireNonNull(transactions.execute(status -> store.hasCoalition(coalitionId) ? known.get()
                : new CoalitionLedgerFold(coalitionId)));
    }

    private CoalitionLedgerFold wholeFold(String coalitionId, Instant recordedAt, Long treeSize) {
        FoldSnapshots.Progress progress = snapshots.nearest(coalitionId, recordedAt, treeSize);
        forEachEntryAfter(store, coalitionId, progress.lastLeafIndex(), recordedAt, treeSize,
                RowsRead.Read.COALITION_LEAVES, progress::take);
        return progress.fold();
    }

    /** What a fold takes from each logged entry: the entry, its leaf and the time it counts as recorded. */
    @FunctionalInterface
    interface EntryAction {
        void accept(long leafIndex, Instant countsAsRecordedAt, LedgerEntry entry);
    }

    /**
     * The coalition's logged entries after leaf {@code afterLeafIndex}, as {@link #forEachEntry} chooses them. Leaves
     * whose event is gone from the store are left out (verification names them).
     */
    static void forEachEntryAfter(AuditLogStore store, String coalitionId, long afterLeafIndex, Instant recordedAt,
            Long treeSize, RowsRead.Read countAs, EntryAction action) {
        store.forEachCoalitionRow(coalitionId, afterLeafIndex, treeSize, recordedAt, countAs, row -> {
            if (row.event() == null) {
                return;
            }
            LedgerEntry entry = StoredFormat.ledgerEntry(row.event());
            String loggedAt = row.leaf().loggedAt();
            if (treeSize == null && loggedAt == null && entry.recordedAt().isAfter(recordedAt)) {
                return;
            }
            action.accept(row.leaf().leafIndex(), loggedAt == null ? entry.recordedAt() : LogTime.parse(loggedAt),
                    entry);
        });
    }

    private static void checkOneOf(Instant recordedAt, Long treeSize) {
        if ((recordedAt == null) == (treeSize == null)) {
            throw new IllegalArgumentException("give exactly one of recordedAt and treeSize");
        }
    }
}
