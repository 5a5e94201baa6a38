package org.coalitionledger.audit.bundle;

import org.coalitionledger.audit.KeyChain;

import java.util.List;

/**
 * What a bundle says before its entries; specified in {@code docs/audit-format.md}, section 6.
 *
 * @param format           always {@link #FORMAT}
 * @param origin           the log's origin (also the name of every signing key)
 * @param keyChain         the signing keys, first to current, each after the first introduced by its predecessor
 * @param fromTreeSize     M: the bundle holds leaves M to N-1 (0 for a whole bundle)
 * @param treeSize         N: the size of the signed checkpoint the bundle ends at
 * @param checkpoints      signed checkpoint notes of sizes M (when M &gt; 0) to N, oldest first; the last is N
 * @param frontier         hex hashes of the perfect subtrees of the tree of size M, largest first (empty when M = 0)
 * @param consistencyProof the RFC 9162 consistency proof from size M to size N, hex (empty when M = 0 or M = N)
 */
public record BundleHeader(String format, String origin, List<KeyChain.Link> keyChain, long fromTreeSize,
        long treeSize, List<String> checkpoints, List<String> frontier, List<String> consistencyProof) {

    public static final String FORMAT = "coalition-ledger/audit-bundle/v2";

    public BundleHeader {
        keyChain = keyChain == null ? List.of() : List.copyOf(keyChain);
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        frontier = frontier == null ? List.of() : List.copyOf(frontier);
        consistencyProof = consistencyProof == null ? List.of() : List.copyOf(consistencyProof);
    }
}
