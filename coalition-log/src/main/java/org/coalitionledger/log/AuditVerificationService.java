package org.coalitionledger.log;

import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.CompactRange;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogComparison;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogOrder;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Server-side verification, in one streaming pass over the log with bounded memory: recomputes every leaf from the
 * event store's row, checks the log's order and the coalition index, checks every signed checkpoint under the key
 * valid at its size against the roots of the leaf table, names every stored event the log has not taken within
 * the allowed delay, and re-folds every stored fold snapshot ({@link FoldSnapshots#check}). The same per-leaf rules
 * as the offline verifier ({@link LogComparison}, {@link LogOrder}). Reads only; blocking (call it off the event
 * loop). The snapshot checks run beside the log pass, on a thread and a connection of their own, over the leaves
 * the log held when the run started; a cancelled read ({@link ReadCancellation}) stops both.
 *
 * <p>Incremental verification starts where the last clean verification on this node ended: it keeps that run's tree
 * size, compact range (frontier) and order state in memory, and checks only the leaves, checkpoints, unlogged events
 * and snapshots after it (each coalition's fold continued from its snapshot before them, reading only the records the
 * new leaves name where it can), and counts the stored events from that run's bound on. It trusts that earlier run for
 * what came before; only a full verification shows that older rows were changed since. Kept in memory, not in the
 * database, so an insider cannot move its start; a restart makes the next incremental run a full one.
 */
@Service
public class AuditVerificationService implements DisposableBean {

    /** At most this many discrepancies are listed; the counts say how many there were. */
    static final int MAX_LISTED = 1000;

    private final AuditLogStore store;
    private final CheckpointKeyStore keys;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;
    private final FoldSnapshots snapshots;
    private final Clock clock = Clock.systemUTC();
    /** One thread per verification running (admission control bounds how many run at once), idle ones ended. */
    private final ExecutorService snapshotThreads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "verification-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    AuditVerificationService(AuditLogStore store, CheckpointKeyStore keys, AuditProperties properties,
            TransactionTemplate transactions, FoldSnapshots snapshots) {
        this.store = store;
        this.snapshots = snapshots;
        this.keys = keys;
        this.properties = properties;
        this.transactions = transactions;
    }

    /**
     * The verification report.
     *
     * @param clean              true when no discrepancy, no checkpoint problem and no snapshot problem was found
     * @param incremental        true when only what followed the last clean verification was checked
     * @param fromTreeSize       the tree size this run started from (0 for a full run)
     * @param treeSize           leaves in the log
     * @param eventsInStore      rows in the event store (an incremental run counts those below the previous run's
     *                           bound as that run found them)
     * @param pendingEvents      stored events the log has not taken yet, all within the allowed delay
     * @param checkpointsChecked signed checkpoints checked against the leaf table
     * @param keyChainLength     signing keys in the chain, each checked from the first
     * @param discrepancyCount   how many discrepancies were found (at most {@value #MAX_LISTED} are listed)
     * @param discrepancies      every altered, missing, moved, out-of-order, misindexed or long-unlogged event
     * @param checkpointProblems signed checkpoints the leaf table no longer matches, or that do not verify
     * @param snapshotsChecked   stored fold snapshots re-folded
     * @param snapshotProblems   stored fold snapshots that differ from the fold of the leaves they claim to cover
     */
    public record Report(boolean clean, boolean incremental, long fromTreeSize, long treeSize, long eventsInStore,
                         long pendingEvents, int checkpointsChecked, int keyChainLength, long discrepancyCount,
                         List<LogDiscrepancy> discrepancies, List<String> checkpointProblems, int snapshotsChecked,
                         List<String> snapshotProblems) {
    }

    /**
     * Where a clean run ended: the leaves it covered as a compact range, the order state after them, and the lowest
     * global index from which stored events may still be unlogged.
     */
    private record Verified(CompactRange range, LogOrder order, long unloggedFrom, long storedBelow) {

        Verified copy() {
            return new Verified(CompactRange.ofFrontier(range.size(), range.frontier()), order.copy(), unloggedFrom,
                    storedBelow);
        }
    }

    private final AtomicReference<Verified> lastClean = new AtomicReference<>();

    /** Verifies the whole log. */
    public Report verify() {
        return verify(false);
    }

    /** Verifies the whole log, or with {@code incremental} only what followed the last clean verification. */
    public Report verify(boolean incremental) {
        Verified start = incremental ? lastClean.get() : null;
        return Objects.requireNonNull(transactions.execute(status -> verifyInTransaction(
                start == null ? null : start.copy())));
    }

    private Report verifyInTransaction(Verified start) {
        KeyChain chain = keys.chain();
        long from = start == null ? 0 : start.range().size();
        List<StoredCheckpoint> checkpoints = store.checkpoints(start == null ? 0 : from + 1, Long.MAX_VALUE);
        // Both passes cover the leaves logged when the run starts (read after the checkpoints, so every checkpoint
        // read covers no more leaves than that, unless leaves were removed); later ones are the next run's.
        long end = store.head().nextLeafIndex();
        ReadCancellation.Token request = ReadCancellation.current();
        ReadCancellation.Token token = request != null ? request : new ReadCancellation.Token();
        CompletableFuture<FoldSnapshots.Check> snapshotCheck = CompletableFuture.supplyAsync(() -> {
            try {
                return ReadCancellation.run(token, () -> transactions.execute(status -> this.snapshots.check(
                        start == null ? -1 : from - 1, end - 1)));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, snapshotThreads);
        try {
            return verifyLog(start, chain, checkpoints, from, end, snapshotCheck);
        } catch (RuntimeException | Error e) {
            // The snapshot pass is of no use without the log pass: stop it at its next row.
            token.cancel();
            throw e;
        }
    }

    private Report verifyLog(Verified start, KeyChain chain, List<StoredCheckpoint> checkpoints, long from, long end,
                             CompletableFuture<FoldSnapshots.Check> snapshotCheck) {
        List<String> checkpointProblems = new ArrayList<>();
        List<Checkpoint> signed = new ArrayList<>();
        for (StoredCheckpoint stored : checkpoints) {
            try {
                signed.add(chain.open(stored.note(), properties.origin()));
            } catch (NoteVerificationException e) {
                checkpointProblems.add("checkpoint of size " + stored.treeSize() + " is not validly signed by the key "
                        + "valid at its size: " + e.getMessage());
            }
        }
        Iterator<Checkpoint> nextCheckpoint = signed.iterator();
        Checkpoint[] pending = {nextCheckpoint.hasNext() ? nextCheckpoint.next() : null};

        List<LogDiscrepancy> found = new ArrayList<>();
        long[] count = {0};
        CompactRange range = start == null ? new CompactRange() : start.range();
        LogOrder order = start == null ? new LogOrder(properties.maxLogDelay()) : start.order();
        long[] maxLogged = {start == null ? -1 : start.unloggedFrom() - 1};
        store.forEachLoggedRow(from, end, row -> {
            LogLeaf leaf = row.leaf();
            if (leaf.leafIndex() != range.size()) {
                add(found, count, new LogDiscrepancy(LogDiscrepancy.Kind.MISSING, range.size(), "?", -1, "leaf "
                        + range.size() + " is missing from audit_leaf (the next is " + leaf.leafIndex() + ")"));
            }
            StoredEvent event = row.event();
            StoredEvent atPosition = event != null && event.globalIndex() == leaf.globalIndex() ? event
                    : store.storedEvent(leaf.globalIndex()).orElse(null);
            LogDiscrepancy discrepancy = LogComparison.check(leaf, atPosition, event);
            if (discrepancy != null) {
                add(found, count, discrepancy);
            }
            order.next(leaf).ifPresent(late -> add(found, count, late));
            if (event != null) {
                checkIndex(row, event).ifPresent(misindexed -> add(found, count, misindexed));
            }
            maxLogged[0] = Math.max(maxLogged[0], leaf.globalIndex());
            range.append(leaf.leafHash());
            while (pending[0] != null && pending[0].treeSize() <= range.size()) {
                if (pending[0].treeSize() == range.size()) {
                    checkRoot(pending[0], range.root(), checkpointProblems);
                }
                pending[0] = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
            }
        });
        while (pending[0] != null) {
            if (pending[0].treeSize() == 0) {
                checkRoot(pending[0], range.root(), checkpointProblems);
            } else {
                checkpointProblems.add("checkpoint of size " + pending[0].treeSize() + " covers more leaves than the "
                        + "log holds (" + range.size() + "): leaves were removed");
            }
            pending[0] = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
        }

        Instant overdue = clock.instant().minus(properties.maxLogDelay());
        long[] waiting = {0};
        long[] lowestWaiting = {Long.MAX_VALUE};
        long countedFrom = start == null ? 0 : start.unloggedFrom();
        store.forEachUnloggedEvent(countedFrom, RowsRead.Read.UNLOGGED_EVENTS, event -> {
            Instant recorded = recordedAt(event);
            if (recorded != null && recorded.isAfter(overdue)) {
                waiting[0]++;
                lowestWaiting[0] = Math.min(lowestWaiting[0], event.globalIndex());
            } else {
                add(found, count, new LogDiscrepancy(LogDiscrepancy.Kind.UNLOGGED, -1, event.eventId(),
                        event.globalIndex(), "event " + event.eventId() + " at global index " + event.globalIndex()
                        + " (recorded " + event.timestamp() + ") is stored but the log has not taken it within "
                        + properties.maxLogDelay().toSeconds() + " s"));
            }
        });
        FoldSnapshots.Check snapshots = joined(snapshotCheck);
        boolean clean = count[0] == 0 && checkpointProblems.isEmpty() && snapshots.problems().isEmpty();
        // Events below the lowest one still waiting were all logged; an incremental run counts the store from the
        // previous run's bound on (by global index), so the count costs the events since, like the rest of the run.
        long unloggedFrom = Math.min(lowestWaiting[0], maxLogged[0] + 1);
        long storedBelow = (start == null ? 0 : start.storedBelow()) + store.storedEventCount(countedFrom,
                unloggedFrom);
        long eventsInStore = storedBelow + store.storedEventCount(Math.max(countedFrom, unloggedFrom), Long.MAX_VALUE);
        if (clean) {
            // The next incremental run starts here.
            Verified verified = new Verified(range, order, unloggedFrom, storedBelow);
            lastClean.accumulateAndGet(verified, (old, fresh) -> old != null && old.range().size() > fresh.range().size()
                    ? old : fresh.copy());
        }
        return new Report(clean, start != null, from, range.size(), eventsInStore, waiting[0],
                signed.size(), chain.size(), count[0], found, checkpointProblems, snapshots.checked(),
                snapshots.problems());
    }

    /** The snapshot pass's outcome, or its own failure as thrown there (a cancellation stays a cancellation). */
    private static FoldSnapshots.Check joined(CompletableFuture<FoldSnapshots.Check> snapshotCheck) {
        try {
            return snapshotCheck.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        snapshotThreads.shutdown();
    }

    private static java.util.Optional<LogDiscrepancy> checkIndex(AuditLogStore.LoggedRow row, StoredEvent event) {
        if (row.indexed() && Objects.equals(row.indexedGlobalIndex(), row.leaf().globalIndex())
                && StoredFormat.statesCoalition(event, row.coalitionId())) {
            return java.util.Optional.empty(); // the payload's text agrees with the index: no need to read it whole
        }
        String expected;
        try {
            expected = CoalitionIds.of(StoredFormat.payload(event)).orElse(null);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // an unreadable payload is named as ALTERED already
        }
        if (row.indexed() && Objects.equals(expected, row.coalitionId())
                && Objects.equals(row.indexedGlobalIndex(), row.leaf().globalIndex())) {
            return java.util.Optional.empty();
        }
        LogLeaf leaf = row.leaf();
        return java.util.Optional.of(new LogDiscrepancy(LogDiscrepancy.Kind.MISINDEXED, leaf.leafIndex(),
                leaf.eventId(), leaf.globalIndex(), "leaf " + leaf.leafIndex() + " (event " + leaf.eventId() + ") is "
                + (row.indexed() ? "indexed under coalition " + row.coalitionId() + " at global index "
                + row.indexedGlobalIndex() : "missing from the coalition index")
                + " but its event belongs to " + (expected == null ? "no coalition" : "coalition " + expected)
                + " at global index " + leaf.globalIndex()
                + ": the views as recorded in the log would " + (row.indexed() ? "misplace" : "leave out") + " it"));
    }

    private static void checkRoot(Checkpoint checkpoint, byte[] root, List<String> problems) {
        if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
            problems.add("checkpoint of size " + checkpoint.treeSize() + " signed root "
                    + HexFormat.of().formatHex(checkpoint.rootHash()) + " but the leaf table gives "
                    + HexFormat.of().formatHex(root) + ": logged leaves were changed");
        }
    }

    private static Instant recordedAt(StoredEvent event) {
        try {
            return Instant.parse(event.timestamp());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void add(List<LogDiscrepancy> found, long[] count, LogDiscrepancy discrepancy) {
        if (count[0]++ < MAX_LISTED) {
            found.add(discrepancy);
        }
    }
}
