package org.coalitionledger.audit.verifier;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.CompactRange;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogComparison;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogOrder;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.VerificationResult;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleReader;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.LedgerViews;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks an audit bundle with no server and no database, in one streaming pass with bounded memory: the key chain
 * from the trusted first key, every checkpoint under the key valid at its size, every leaf recomputed from its
 * event, the log's order, the roots at every checkpoint, consistency with the checkpoint the auditor kept, and the
 * published views (for a bundle that starts at leaf 0). Every failed check becomes one problem line naming what
 * failed (leaf index, event id, sizes, roots, view).
 */
public final class BundleVerification {

    /** The delay past which a leaf logged behind the log's position is named; the server's default too. */
    public static final Duration DEFAULT_MAX_LOG_DELAY = Duration.ofSeconds(60);

    private static final int PROGRESS_EVERY = 10_000;

    /**
     * The outcome: no problems means the bundle verified.
     *
     * @param problems one sentence per failed check, in the order checked
     * @param treeSize the size of the bundle's last checkpoint
     * @param root     hex of that checkpoint's root, or null when none verified
     * @param events   bundled events
     * @param views    bundled views that were recomputed and compared
     */
    public record Report(List<String> problems, long treeSize, String root, long events, int views) {
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
                        + "; key chain, signatures, leaves, order, tree and " + views + " views all check out";
            }
            return "FAILED: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "; first: "
                    + problems.get(0);
        }
    }

    private final NoteVerifierKey trustedKey;
    private final String earlierNote;
    private final Consumer<String> progress;
    private final LogOrder order;
    private final List<String> problems = new ArrayList<>();
    private final LedgerViews recomputed = new LedgerViews();

    private BundleHeader header;
    private KeyChain chain;
    /** Signed roots by tree size, from the bundle's checkpoints that verified. */
    private final Map<Long, byte[]> signedRoots = new TreeMap<>();
    private Checkpoint earlier;
    private boolean earlierChecked;
    private CompactRange range;
    private long expectedLeaf;
    private long events;
    private boolean viewsComparable;

    private BundleVerification(NoteVerifierKey trustedKey, String earlierNote, Duration maxLogDelay,
            Consumer<String> progress) {
        this.trustedKey = Objects.requireNonNull(trustedKey, "trustedKey");
        this.earlierNote = earlierNote;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.order = new LogOrder(maxLogDelay);
    }

    /**
     * Verifies the bundle read from {@code bundle}.
     *
     * @param trustedKey  the log's first verifier key, obtained by the auditor independently of the bundle; later
     *                    keys are accepted only through the chain of introductions
     * @param earlierNote a signed checkpoint note the auditor kept from before, or null
     * @param maxLogDelay how far behind the log's position an event may enter the log before it is named
     * @param progress    receives a line now and then on long runs
     */
    public static Report verify(InputStream bundle, NoteVerifierKey trustedKey, String earlierNote,
            Duration maxLogDelay, Consumer<String> progress) {
        return new BundleVerification(trustedKey, earlierNote, maxLogDelay, progress).run(bundle);
    }

    /** {@link #verify(InputStream, NoteVerifierKey, String, Duration, Consumer)} with the default log delay. */
    public static Report verify(InputStream bundle, NoteVerifierKey trustedKey, String earlierNote,
            Consumer<String> progress) {
        return verify(bundle, trustedKey, earlierNote, DEFAULT_MAX_LOG_DELAY, progress);
    }

    private Report run(InputStream bundle) {
        List<BundleView> views;
        try {
            views = BundleReader.read(bundle, this::header, this::entry);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return report(0);
        }
        if (range == null) {
            return report(0);
        }
        progress.accept("checked " + (expectedLeaf - header.fromTreeSize()) + " leaves; tree root "
                + hex(range.root()));
        if (range.size() != header.treeSize()) {
            problems.add("tail removed: the bundle ends at checkpoint size " + header.treeSize() + " but lists leaves"
                    + " only up to " + range.size() + "; leaves " + range.size() + " to " + (header.treeSize() - 1)
                    + " are missing");
        }
        checkConsistencyProof();
        checkEarlierAtEnd();
        return report(checkViews(views));
    }

    private void header(BundleHeader header) {
        this.header = header;
        try {
            chain = KeyChain.verify(trustedKey, header.origin(), header.keyChain());
        } catch (NoteVerificationException e) {
            problems.add("key chain: " + e.getMessage());
            chain = KeyChain.of(trustedKey);
        }
        progress.accept("key chain: " + chain.size() + " key" + (chain.size() == 1 ? "" : "s")
                + " from the trusted key " + trustedKey.toText());
        long from = header.fromTreeSize();
        long to = header.treeSize();
        if (from < 0 || from > to) {
            problems.add("bundle range " + from + " to " + to + " is not a range of the log");
            return;
        }
        for (int i = 0; i < header.checkpoints().size(); i++) {
            try {
                Checkpoint checkpoint = chain.open(header.checkpoints().get(i), header.origin());
                if (checkpoint.treeSize() < from || checkpoint.treeSize() > to) {
                    problems.add("checkpoint " + i + " (size " + checkpoint.treeSize() + ") lies outside the bundle's"
                            + " range " + from + " to " + to);
                } else {
                    signedRoots.put(checkpoint.treeSize(), checkpoint.rootHash());
                }
            } catch (NoteVerificationException e) {
                problems.add("checkpoint " + i + " of the bundle is not validly signed by the key valid at its size: "
                        + e.getMessage());
            }
        }
        if (!signedRoots.containsKey(to)) {
            problems.add("the bundle holds no valid signed checkpoint of its own size " + to
                    + ", so nothing in it is signed");
        }
        if (earlierNote != null) {
            try {
                earlier = chain.open(earlierNote, header.origin());
                progress.accept("earlier checkpoint: size " + earlier.treeSize() + ", root "
                        + hex(earlier.rootHash()));
            } catch (NoteVerificationException e) {
                problems.add("the earlier checkpoint is not validly signed by the trusted key chain: "
                        + e.getMessage());
            }
        }
        if (from == 0) {
            range = new CompactRange();
            viewsComparable = true;
        } else {
            try {
                List<byte[]> frontier = header.frontier().stream().map(HexFormat.of()::parseHex).toList();
                range = CompactRange.ofFrontier(from, frontier);
            } catch (IllegalArgumentException e) {
                problems.add("the frontier of the tree at size " + from + " is malformed: " + e.getMessage());
                return;
            }
            byte[] signed = signedRoots.get(from);
            if (signed == null) {
                problems.add("the bundle starts at size " + from + " but holds no valid signed checkpoint of that size");
            } else if (!MessageDigest.isEqual(signed, range.root())) {
                problems.add("the frontier at size " + from + " gives root " + hex(range.root())
                        + ", not the signed root " + hex(signed));
            }
        }
        expectedLeaf = from;
        checkEarlierAt(range.size());
    }

    private void entry(BundleEntry entry) {
        if (range == null) {
            return;
        }
        LogLeaf leaf;
        try {
            leaf = entry.leaf().toLogLeaf();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("entry " + expectedLeaf + ": the leaf is malformed: " + e.getMessage());
            range = null;
            return;
        }
        StoredEvent event = null;
        if (entry.event() == null) {
            problems.add("MISSING: leaf " + leaf.leafIndex() + " (event " + leaf.eventId() + ", global index "
                    + leaf.globalIndex() + "): the bundle carries no stored event for it; it is missing from the "
                    + "event store");
        } else {
            try {
                event = entry.event().toStoredEvent();
            } catch (IllegalArgumentException e) {
                problems.add("leaf " + leaf.leafIndex() + ": " + e.getMessage());
            }
        }
        if (leaf.leafIndex() != expectedLeaf) {
            problems.add("entry for leaf " + expectedLeaf + " claims index " + leaf.leafIndex()
                    + "; entries must list leaves in order without gaps");
        }
        expectedLeaf++;
        events++;
        if (event != null) {
            LogDiscrepancy discrepancy = LogComparison.check(leaf,
                    event.globalIndex() == leaf.globalIndex() ? event : null,
                    event.eventId().equals(leaf.eventId()) ? event : null);
            if (discrepancy != null) {
                problems.add(discrepancy.kind() + ": " + discrepancy.detail());
            }
        }
        order.next(leaf).ifPresent(late -> problems.add(late.kind() + ": " + late.detail()));
        range.append(leaf.leafHash());
        if (viewsComparable && event == null) {
            viewsComparable = false;
            progress.accept("views not recomputed: an event is missing");
        }
        if (viewsComparable) {
            try {
                recomputed.add(event);
            } catch (IllegalArgumentException e) {
                problems.add("leaf " + leaf.leafIndex() + ": cannot fold its event into the views: " + e.getMessage());
                viewsComparable = false;
            }
        }
        byte[] signed = signedRoots.get(range.size());
        if (signed != null && !MessageDigest.isEqual(signed, range.root())) {
            problems.add("signed checkpoint of size " + range.size() + " has root " + hex(signed)
                    + " but the bundled leaves give " + hex(range.root())
                    + ": leaves were altered, reordered or replaced");
        }
        checkEarlierAt(range.size());
        if (events % PROGRESS_EVERY == 0) {
            progress.accept("  checked " + events + " leaves");
        }
    }

    /** Compares the auditor's earlier checkpoint with the bundle's root at its size, when the stream is there. */
    private void checkEarlierAt(long size) {
        if (earlier == null || earlierChecked || earlier.treeSize() != size) {
            return;
        }
        earlierChecked = true;
        if (!MessageDigest.isEqual(earlier.rootHash(), range.root())) {
            problems.add("inconsistent with the earlier checkpoint of size " + earlier.treeSize() + " (root "
                    + hex(earlier.rootHash()) + "): the bundle's log has root " + hex(range.root())
                    + " at that size, so history before it was rewritten");
        }
    }

    private void checkEarlierAtEnd() {
        if (earlier == null || earlierChecked) {
            return;
        }
        if (earlier.treeSize() > header.treeSize()) {
            problems.add("inconsistent with the earlier checkpoint: it covers " + earlier.treeSize()
                    + " leaves, the bundle's signed log only " + header.treeSize() + "; the log lost its tail since");
        } else {
            problems.add("the earlier checkpoint (size " + earlier.treeSize() + ") lies before this bundle's first "
                    + "leaf " + header.fromTreeSize() + "; ask for a bundle from size " + earlier.treeSize());
        }
    }

    private void checkConsistencyProof() {
        long from = header.fromTreeSize();
        long to = header.treeSize();
        byte[] first = signedRoots.get(from);
        byte[] second = signedRoots.get(to);
        if (from == 0 || from == to || first == null || second == null) {
            return;
        }
        try {
            List<byte[]> proof = header.consistencyProof().stream().map(HexFormat.of()::parseHex).toList();
            VerificationResult result = ProofVerifier.verifyConsistency(from, to, first, second, proof);
            if (!result.valid()) {
                problems.add("the consistency proof from size " + from + " to " + to + " fails: " + result.reason());
            }
        } catch (IllegalArgumentException e) {
            problems.add("the consistency proof is malformed: " + e.getMessage());
        }
    }

    private int checkViews(List<BundleView> bundled) {
        if (!viewsComparable) {
            if (header.fromTreeSize() > 0) {
                progress.accept("views not recomputed: the bundle starts at leaf " + header.fromTreeSize()
                        + "; a bundle from leaf 0 carries views that can be checked");
            }
            return 0;
        }
        Map<String, BundleView> expected = new LinkedHashMap<>();
        recomputed.views().forEach(view -> expected.put(key(view), view));
        int compared = 0;
        for (BundleView view : bundled) {
            BundleView mine = expected.remove(key(view));
            if (mine == null) {
                problems.add("the bundle publishes " + key(view) + ", which the bundled events do not give");
                continue;
            }
            String difference = JsonDifference.first(view.value(), mine.value(), "");
            if (difference != null) {
                problems.add(key(view) + " does not follow from the bundled events: at "
                        + (difference.startsWith(".") ? difference.substring(1) : difference));
            }
            compared++;
        }
        expected.keySet().forEach(missing -> problems.add("the bundle does not publish " + missing));
        progress.accept(compared + " views recomputed and compared");
        return compared;
    }

    private static String key(BundleView view) {
        return "view " + view.name() + " of coalition " + view.coalitionId()
                + (view.basis() == null ? "" : " (" + view.basis() + ")")
                + (view.asOf() == null ? "" : " as of " + view.asOf());
    }

    private Report report(int views) {
        long size = header == null ? 0 : header.treeSize();
        byte[] root = signedRoots.get(size);
        return new Report(problems, size, root == null ? null : hex(root), events, views);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

}
