package org.coalitionledger.audit.verifier;

import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.LogComparison;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.VerificationResult;
import org.coalitionledger.audit.bundle.AuditBundle;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.LedgerViews;
import tools.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks an audit bundle with no server and no database: signatures, leaves, the tree, consistency with a
 * checkpoint the auditor kept, and the published year-over-year figures. Every failed check becomes one problem
 * line naming what failed (leaf index, event id, sizes, roots, view path).
 */
public final class BundleVerification {

    /**
     * The outcome: no problems means the bundle verified.
     *
     * @param problems one sentence per failed check, in the order checked
     * @param treeSize the size of the latest verified checkpoint (or of the bundle's claim, if none verified)
     * @param root     hex of that checkpoint's root, or null
     * @param events   bundled events
     * @param views    bundled views that were compared
     */
    public record Report(List<String> problems, long treeSize, String root, int events, int views) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean verified() {
            return problems.isEmpty();
        }

        /** The one-line verdict. */
        public String verdict() {
            if (verified()) {
                return "VERIFIED: " + events + " events in a log of " + treeSize + " leaves with root " + root
                        + "; signatures, leaves, tree and " + views + " year-over-year views all check out";
            }
            return "FAILED: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "; first: "
                    + problems.get(0);
        }
    }

    private final AuditBundle bundle;
    private final NoteVerifierKey key;
    private final String earlierCheckpoint;
    private final Consumer<String> progress;
    private final List<String> problems = new ArrayList<>();

    private BundleVerification(AuditBundle bundle, NoteVerifierKey key, String earlierCheckpoint,
            Consumer<String> progress) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.key = Objects.requireNonNull(key, "key");
        this.earlierCheckpoint = earlierCheckpoint;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Verifies {@code bundle}.
     *
     * @param key               the log's verifier key, obtained by the auditor independently of the bundle
     * @param earlierCheckpoint a signed checkpoint note the auditor kept from before, or null
     * @param progress          receives a line now and then on long runs
     */
    public static Report verify(AuditBundle bundle, NoteVerifierKey key, String earlierCheckpoint,
            Consumer<String> progress) {
        return new BundleVerification(bundle, key, earlierCheckpoint, progress).run();
    }

    private Report run() {
        if (!AuditBundle.FORMAT.equals(bundle.format())) {
            problems.add("bundle format is '" + bundle.format() + "', this verifier reads " + AuditBundle.FORMAT);
            return new Report(problems, 0, null, 0, 0);
        }
        if (bundle.verifierKey() != null && !bundle.verifierKey().equals(key.toText())) {
            progress.accept("note: the bundle names verifier key " + bundle.verifierKey()
                    + ", checking against the trusted key " + key.toText());
        }
        Checkpoint latest = checkpoints();

        List<LogLeaf> leaves = leaves();
        List<StoredEvent> events = events();
        progress.accept("checking " + leaves.size() + " leaves against " + events.size() + " events");
        for (LogDiscrepancy discrepancy : LogComparison.compare(leaves, events, true,
                checked -> progress.accept("  recomputed " + checked + "/" + leaves.size() + " leaves"))) {
            problems.add(discrepancy.kind() + ": " + discrepancy.detail());
        }

        MerkleTree tree = new MerkleTree();
        leaves.forEach(leaf -> tree.append(leaf.leafHash()));
        progress.accept("tree rebuilt: " + tree.size() + " leaves, root " + hex(tree.root()));
        long signedSize = checkTree(tree, latest);
        checkEarlierCheckpoint(tree, latest);
        int views = checkViews(events);
        return new Report(problems, signedSize, latest == null ? null : hex(latest.rootHash()), events.size(), views);
    }

    /** Opens every bundled checkpoint with the trusted key; returns the largest that verifies, or null. */
    private Checkpoint checkpoints() {
        Checkpoint latest = null;
        if (bundle.checkpoints().isEmpty()) {
            problems.add("bundle holds no signed checkpoint, so nothing in it is signed");
        }
        for (int i = 0; i < bundle.checkpoints().size(); i++) {
            try {
                Checkpoint checkpoint = Checkpoint.open(bundle.checkpoints().get(i), key, key.name());
                if (latest == null || checkpoint.treeSize() >= latest.treeSize()) {
                    latest = checkpoint;
                }
            } catch (NoteVerificationException e) {
                problems.add("checkpoint " + i + " of the bundle is not validly signed: " + e.getMessage());
            }
        }
        if (latest != null) {
            progress.accept("latest signed checkpoint: size " + latest.treeSize() + ", root "
                    + hex(latest.rootHash()));
        }
        return latest;
    }

    private List<LogLeaf> leaves() {
        List<LogLeaf> leaves = new ArrayList<>(bundle.leaves().size());
        for (int i = 0; i < bundle.leaves().size(); i++) {
            BundleLeaf leaf = bundle.leaves().get(i);
            if (leaf.leafIndex() != i) {
                problems.add("leaf at position " + i + " of the bundle claims index " + leaf.leafIndex()
                        + "; leaves must be listed 0, 1, 2, ... without gaps");
            }
            try {
                leaves.add(leaf.toLogLeaf());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return List.copyOf(leaves);
            }
        }
        return leaves;
    }

    private List<StoredEvent> events() {
        List<StoredEvent> events = new ArrayList<>(bundle.events().size());
        Set<Long> seen = new HashSet<>();
        for (BundleEvent event : bundle.events()) {
            try {
                StoredEvent stored = event.toStoredEvent();
                if (!seen.add(stored.globalIndex())) {
                    problems.add("bundle lists global index " + stored.globalIndex() + " twice");
                }
                events.add(stored);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return events;
    }

    /** Checks every checkpoint's root against the tree of the bundled leaves; returns the signed size. */
    private long checkTree(MerkleTree tree, Checkpoint latest) {
        if (bundle.treeSize() != tree.size()) {
            problems.add("bundle says it holds " + bundle.treeSize() + " leaves but lists " + tree.size());
        }
        if (latest == null) {
            return bundle.treeSize();
        }
        if (tree.size() < latest.treeSize()) {
            problems.add("tail removed: the latest signed checkpoint covers " + latest.treeSize()
                    + " leaves but the bundle lists only " + tree.size() + "; leaves " + tree.size() + " to "
                    + (latest.treeSize() - 1) + " are missing");
        } else if (tree.size() > latest.treeSize()) {
            problems.add("leaves " + latest.treeSize() + " to " + (tree.size() - 1)
                    + " are not covered by any signed checkpoint");
        }
        for (String note : bundle.checkpoints()) {
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.open(note, key, key.name());
            } catch (NoteVerificationException e) {
                continue; // already reported
            }
            if (checkpoint.treeSize() > tree.size()) {
                continue; // reported as a removed tail above when it is the latest
            }
            byte[] root = tree.root(checkpoint.treeSize());
            if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
                problems.add("signed checkpoint of size " + checkpoint.treeSize() + " has root "
                        + hex(checkpoint.rootHash()) + " but the bundled leaves give " + hex(root)
                        + ": leaves were altered, reordered or replaced");
            }
        }
        return latest.treeSize();
    }

    private void checkEarlierCheckpoint(MerkleTree tree, Checkpoint latest) {
        if (earlierCheckpoint == null) {
            return;
        }
        Checkpoint earlier;
        try {
            earlier = Checkpoint.open(earlierCheckpoint, key, key.name());
        } catch (NoteVerificationException e) {
            problems.add("the earlier checkpoint is not validly signed by the trusted key: " + e.getMessage());
            return;
        }
        progress.accept("earlier checkpoint: size " + earlier.treeSize() + ", root " + hex(earlier.rootHash()));
        long newSize = latest == null ? tree.size() : Math.min(latest.treeSize(), tree.size());
        if (earlier.treeSize() > newSize) {
            problems.add("inconsistent with the earlier checkpoint: it covers " + earlier.treeSize()
                    + " leaves, the bundle's signed log only " + newSize + "; the log lost its tail since");
            return;
        }
        byte[] newRoot = tree.root(newSize);
        VerificationResult consistent = ProofVerifier.verifyConsistency(earlier.treeSize(), newSize,
                earlier.rootHash(), newRoot, tree.consistencyProof(earlier.treeSize(), newSize));
        if (!consistent.valid()) {
            problems.add("inconsistent with the earlier checkpoint of size " + earlier.treeSize() + " (root "
                    + hex(earlier.rootHash()) + "): the bundle's log has root " + hex(tree.root(earlier.treeSize()))
                    + " at that size, so history before it was rewritten (" + consistent.reason() + ")");
        }
    }

    private int checkViews(List<StoredEvent> events) {
        LedgerViews recomputed;
        try {
            recomputed = new LedgerViews(events);
        } catch (IllegalArgumentException e) {
            problems.add("cannot recompute the views: " + e.getMessage());
            return 0;
        }
        for (String coalitionId : recomputed.coalitionIds()) {
            for (YearBasis basis : YearBasis.values()) {
                boolean present = bundle.views().stream()
                        .anyMatch(v -> coalitionId.equals(v.coalitionId()) && basis == v.basis());
                if (!present) {
                    problems.add("the bundle publishes no " + basis + " view for coalition " + coalitionId);
                }
            }
        }
        int compared = 0;
        for (BundleView view : bundle.views()) {
            String name = "view " + view.coalitionId() + " " + view.basis()
                    + (view.recordedAt() == null ? "" : " as recorded at " + view.recordedAt());
            try {
                Instant recordedAt = view.recordedAt() == null ? null : Instant.parse(view.recordedAt());
                JsonNode expected = AuditJson.mapper().valueToTree(
                        recomputed.yearOverYear(view.coalitionId(), view.basis(), recordedAt));
                String difference = JsonDifference.first(view.view(), expected, "");
                if (difference != null) {
                    problems.add(name + " does not follow from the bundled events: at "
                            + (difference.startsWith(".") ? difference.substring(1) : difference));
                }
                compared++;
            } catch (DateTimeParseException | IllegalStateException | IllegalArgumentException e) {
                problems.add(name + " cannot be recomputed: " + e.getMessage());
            }
        }
        progress.accept(compared + " year-over-year views recomputed and compared");
        return compared;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
