package org.coalitionledger.audit.bundle;

import java.util.List;

/**
 * Everything an auditor needs to check the ledger offline; specified in {@code docs/audit-format.md}, section 6.
 *
 * @param format      always {@link #FORMAT}
 * @param origin      the log's origin (also the checkpoint key name)
 * @param verifierKey the log's note verifier key, as the server publishes it (an auditor checks against a key
 *                    obtained independently)
 * @param treeSize    the number of leaves bundled; equals the size of the latest checkpoint
 * @param checkpoints signed checkpoint notes of sizes up to {@code treeSize}, oldest first; the last one covers
 *                    every bundled leaf
 * @param leaves      leaves 0 to treeSize-1, in leaf order
 * @param events      the stored rows the leaves were computed from, in global-index order
 * @param views       the published year-over-year views, one per coalition and basis
 * @param viewsSource where the server took the views from: {@code query} (its read models, via the query bus) or
 *                    {@code fold} (computed from the bundled events when no read model answers)
 */
public record AuditBundle(String format, String origin, String verifierKey, long treeSize, List<String> checkpoints,
        List<BundleLeaf> leaves, List<BundleEvent> events, List<BundleView> views, String viewsSource) {

    public static final String FORMAT = "coalition-ledger/audit-bundle/v1";

    public AuditBundle {
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
        events = events == null ? List.of() : List.copyOf(events);
        views = views == null ? List.of() : List.copyOf(views);
    }
}
