package org.coalitionledger.log;

import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.BundleWriter;
import org.coalitionledger.audit.bundle.LedgerViews;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the audit bundle (docs/audit-format.md, section 6) of the log from checkpoint M (or the start) to
 * checkpoint N, streaming: the key chain, the checkpoints from M to N, the tree's frontier at M and the consistency
 * proof from M to N, every leaf of the range with its stored event, and (for a bundle from the start) every view as
 * of N, folded from the very leaves written, by the code the offline verifier runs. Everything in it is fixed by
 * checkpoint N, so a bundle of an honest ledger verifies whatever is being written meanwhile. Reads only; blocking.
 */
@Service
public class AuditBundleService {

    private static final Logger log = LoggerFactory.getLogger(AuditBundleService.class);

    private final AuditLogStore store;
    private final AuditLogTree tree;
    private final CheckpointKeyStore keys;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;

    AuditBundleService(AuditLogStore store, AuditLogTree tree, CheckpointKeyStore keys, AuditProperties properties,
            TransactionTemplate transactions) {
        this.store = store;
        this.tree = tree;
        this.keys = keys;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** The range a bundle covers, checked before anything is written. */
    public record Range(long from, long to) {
    }

    /**
     * The range of a bundle from checkpoint {@code from} (null: the start) to checkpoint {@code to} (null: the latest).
     *
     * @throws LogUnavailableException  when no checkpoint is signed, or either size is not a checkpoint's
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public Range range(Long from, Long to) {
        StoredCheckpoint end = to == null
                ? store.latestCheckpoint().orElseThrow(() -> new LogUnavailableException(
                        "no checkpoint has been signed yet; an administrator signs one with "
                                + "POST /api/v1/audit/checkpoints", false, null))
                : store.checkpoint(to).orElseThrow(() -> notACheckpoint(to));
        long start = from == null ? 0 : from;
        if (start < 0 || start > end.treeSize()) {
            throw new IllegalArgumentException("from must be a checkpoint's tree size within [0, "
                    + end.treeSize() + "]; got " + start);
        }
        if (start > 0 && store.checkpoint(start).isEmpty()) {
            throw notACheckpoint(start);
        }
        return new Range(start, end.treeSize());
    }

    /** Writes the bundle of {@code range} to {@code out}. */
    public void write(Range range, OutputStream out) {
        long from = range.from();
        long to = range.to();
        List<String> frontier = tree.read(t -> t.frontier(from)).stream().map(HexFormat.of()::formatHex).toList();
        List<String> proof = from == 0 || from == to ? List.of()
                : tree.read(t -> t.consistencyProof(from, to)).stream().map(HexFormat.of()::formatHex).toList();
        List<String> checkpoints = store.checkpoints(from, to).stream()
                .map(StoredCheckpoint::note).toList();
        BundleHeader header = new BundleHeader(BundleHeader.FORMAT, properties.origin(), keys.chain().links(), from, to,
                checkpoints, frontier, proof);
        LedgerViews views = new LedgerViews();
        boolean[] viewsHold = {from == 0};
        try (BundleWriter writer = new BundleWriter(out, header)) {
            transactions.executeWithoutResult(status -> store.forEachLoggedRow(from, to, row -> {
                writer.entry(new BundleEntry(BundleLeaf.of(row.leaf()),
                        row.event() == null ? null : BundleEvent.of(row.event())));
                if (viewsHold[0] && row.event() != null) {
                    try {
                        views.add(row.event());
                    } catch (IllegalArgumentException e) {
                        // An unreadable stored payload: publish no views; the verifier names the event.
                        log.error("Bundle without views: {}", e.getMessage());
                        viewsHold[0] = false;
                    }
                }
            }));
            List<BundleView> published = viewsHold[0] ? views.views() : List.of();
            writer.finish(published);
        }
    }

    private static LogUnavailableException notACheckpoint(long size) {
        return new LogUnavailableException("no checkpoint of tree size " + size + " was signed", false, null);
    }
}
