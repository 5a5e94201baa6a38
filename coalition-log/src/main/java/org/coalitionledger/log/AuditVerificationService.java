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

/**
 * Server-side verification, in one streaming pass over the log with bounded memory: recomputes every leaf from the
 * event store's row, checks the log's order and the coalition index, checks every signed checkpoint under the key
 * valid at its size against the roots of the leaf table, and names every stored event the log has not taken within
 * the allowed delay. The same per-leaf rules as the offline verifier ({@link LogComparison}, {@link LogOrder}).
 * Reads only; blocking (call it off the event loop).
 */
@Service
public class AuditVerificationService {

    /** At most this many discrepancies are listed; the counts say how many there were. */
    static final int MAX_LISTED = 1000;

    private final AuditLogStore store;
    private final CheckpointKeyStore keys;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    AuditVerificationService(AuditLogStore store, CheckpointKeyStore keys, AuditProperties properties,
            TransactionTemplate transactions) {
        this.store = store;
        this.keys = keys;
        this.properties = properties;
        this.transactions = transactions;
    }

    /**
     * The verification report.
     *
     * @param clean              true when no discrepancy and no checkpoint problem was found
     * @param treeSize           leaves in the log
     * @param eventsInStore      rows in the event store
     * @param pendingEvents      stored events the log has not taken yet, all within the allowed delay
     * @param checkpointsChecked signed checkpoints checked against the leaf table
     * @param keyChainLength     signing keys in the chain, each checked from the first
     * @param discrepancyCount   how many discrepancies were found (at most {@value #MAX_LISTED} are listed)
     * @param discrepancies      every altered, missing, moved, out-of-order, misindexed or long-unlogged event
     * @param checkpointProblems signed checkpoints the leaf table no longer matches, or that do not verify
     */
    public record Report(boolean clean, long treeSize, long eventsInStore, long pendingEvents, int checkpointsChecked,
                         int keyChainLength, long discrepancyCount, List<LogDiscrepancy> discrepancies,
                         List<String> checkpointProblems) {
    }

    public Report verify() {
        return Objects.requireNonNull(transactions.execute(status -> verifyInTransaction()));
    }

    private Report verifyInTransaction() {
        KeyChain chain = keys.chain();
        List<StoredCheckpoint> checkpoints = store.checkpoints(0, Long.MAX_VALUE);
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
        CompactRange range = new CompactRange();
        LogOrder order = new LogOrder(properties.maxLogDelay());
        store.forEachLoggedRow(0, Long.MAX_VALUE, row -> {
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
        store.forEachUnloggedEvent(0, event -> {
            Instant recorded = recordedAt(event);
            if (recorded != null && recorded.isAfter(overdue)) {
                waiting[0]++;
            } else {
                add(found, count, new LogDiscrepancy(LogDiscrepancy.Kind.UNLOGGED, -1, event.eventId(),
                        event.globalIndex(), "event " + event.eventId() + " at global index " + event.globalIndex()
                        + " (recorded " + event.timestamp() + ") is stored but the log has not taken it within "
                        + properties.maxLogDelay().toSeconds() + " s"));
            }
        });
        return new Report(count[0] == 0 && checkpointProblems.isEmpty(), range.size(), store.storedEventCount(),
                waiting[0], signed.size(), chain.size(), count[0], found, checkpointProblems);
    }

    private static java.util.Optional<LogDiscrepancy> checkIndex(AuditLogStore.LoggedRow row, StoredEvent event) {
        String expected;
        try {
            expected = CoalitionIds.of(StoredFormat.payload(event)).orElse(null);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // an unreadable payload is named as ALTERED already
        }
        if (row.indexed() && Objects.equals(expected, row.coalitionId())) {
            return java.util.Optional.empty();
        }
        LogLeaf leaf = row.leaf();
        return java.util.Optional.of(new LogDiscrepancy(LogDiscrepancy.Kind.MISINDEXED, leaf.leafIndex(),
                leaf.eventId(), leaf.globalIndex(), "leaf " + leaf.leafIndex() + " (event " + leaf.eventId() + ") is "
                + (row.indexed() ? "indexed under coalition " + row.coalitionId() : "missing from the coalition index")
                + " but its event belongs to " + (expected == null ? "no coalition" : "coalition " + expected)
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
