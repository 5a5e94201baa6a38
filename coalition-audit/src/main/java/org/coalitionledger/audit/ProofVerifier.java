package org.coalitionledger.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion and consistency proofs using only the proof, the sizes and the roots; it
 * never sees the tree, so an auditor can run it offline against what the log published.
 *
 * <p>Both methods follow the RFC's verification algorithms step by step (§2.1.3.2 and §2.1.4.2), and
 * additionally reject malformed input (hashes that are not 32 bytes, impossible sizes) with a reason.
 *
 * <p>Note what a proof does and does not bind: an inclusion proof binds the leaf, its index and the root;
 * the tree size only fixes the proof's shape, and two sizes can share a shape (a proof for leaf 0 of a
 * 3-leaf tree also "verifies" as leaf 0 of a 4-leaf tree against the same 3-leaf root). Always take the
 * size and root together from one signed {@link Checkpoint}.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * RFC 9162 §2.1.3.2: is the leaf with hash {@code leafHash} at {@code leafIndex} in the tree of
     * {@code treeSize} leaves whose root is {@code root}?
     */
    public static VerificationResult verifyInclusion(byte[] leafHash, long leafIndex, long treeSize,
            List<byte[]> proof, byte[] root) {
        String malformed = firstMalformed(proof, leafHash, "leaf hash", root, "root");
        if (malformed != null) {
            return VerificationResult.failed(malformed);
        }
        if (leafIndex < 0 || treeSize < 0) {
            return VerificationResult.failed(
                    "leaf index " + leafIndex + " and tree size " + treeSize + " must not be negative");
        }
        // Step 1.
        if (leafIndex >= treeSize) {
            return VerificationResult.failed(
                    "leaf index " + leafIndex + " is not inside a tree of size " + treeSize);
        }
        // Steps 2-3.
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        // Step 4.
        for (int i = 0; i < proof.size(); i++) {
            byte[] p = proof.get(i);
            if (sn == 0) {
                return VerificationResult.failed("inclusion proof has " + proof.size()
                        + " hashes but leaf " + leafIndex + " of a tree of size " + treeSize + " needs " + i);
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        // Step 5.
        if (sn != 0) {
            return VerificationResult.failed("inclusion proof has only " + proof.size()
                    + " hashes, too few for leaf " + leafIndex + " of a tree of size " + treeSize);
        }
        if (!MessageDigest.isEqual(r, root)) {
            return VerificationResult.failed("inclusion proof for leaf " + leafIndex + " of a tree of size "
                    + treeSize + " leads to root " + hex(r) + ", not the expected " + hex(root));
        }
        return VerificationResult.verified();
    }

    /**
     * RFC 9162 §2.1.4.2: is the tree of {@code second} leaves with root {@code secondRoot} an append-only
     * extension of the tree of {@code first} leaves with root {@code firstRoot}?
     *
     * <p>The RFC algorithm covers 0 &lt; first &lt; second. The edge cases are settled as the reference
     * implementations do, except that a size-0 root must really be the empty tree's root: first = 0
     * needs an empty proof (every tree extends the empty tree); first = second needs an empty proof and
     * equal roots; first &gt; second never verifies.
     */
    public static VerificationResult verifyConsistency(long first, long second, byte[] firstRoot,
            byte[] secondRoot, List<byte[]> proof) {
        String malformed = firstMalformed(proof, firstRoot, "first root", secondRoot, "second root");
        if (malformed != null) {
            return VerificationResult.failed(malformed);
        }
        if (first < 0 || second < 0) {
            return VerificationResult.failed(
                    "tree sizes " + first + " and " + second + " must not be negative");
        }
        if (first > second) {
            return VerificationResult.failed("first size " + first + " is larger than second size " + second
                    + "; a log never shrinks");
        }
        if (first == 0 || first == second) {
            // Stricter than the reference implementations, which accept any "root" for size 0: the empty
            // tree has exactly one root, and a checkpoint claiming another one is wrong.
            if (first == 0 && !MessageDigest.isEqual(firstRoot, MerkleHashes.emptyTreeHash())) {
                return VerificationResult.failed("first root " + hex(firstRoot)
                        + " is not the empty tree's root, yet the first size is 0");
            }
            if (second == 0 && !MessageDigest.isEqual(secondRoot, MerkleHashes.emptyTreeHash())) {
                return VerificationResult.failed("second root " + hex(secondRoot)
                        + " is not the empty tree's root, yet the second size is 0");
            }
            if (!proof.isEmpty()) {
                return VerificationResult.failed("consistency proof from size " + first + " to " + second
                        + " must be empty, but has " + proof.size() + " hashes");
            }
            if (first == second && !MessageDigest.isEqual(firstRoot, secondRoot)) {
                return VerificationResult.failed("two different roots " + hex(firstRoot) + " and "
                        + hex(secondRoot) + " for the same tree size " + first + ": the log has forked");
            }
            return VerificationResult.verified();
        }
        // Step 1.
        if (proof.isEmpty()) {
            return VerificationResult.failed(
                    "consistency proof from size " + first + " to " + second + " is empty");
        }
        // Step 2: when the old tree is a perfect subtree of the new one, its root is the first node.
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(first) == 1) {
            path.add(firstRoot);
        }
        path.addAll(proof);
        // Steps 3-4.
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // Step 5.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // Step 6.
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return VerificationResult.failed("consistency proof from size " + first + " to " + second
                        + " has more hashes than the trees need (" + proof.size() + ")");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        // Step 7.
        if (sn != 0) {
            return VerificationResult.failed("consistency proof from size " + first + " to " + second
                    + " has too few hashes (" + proof.size() + ")");
        }
        if (!MessageDigest.isEqual(fr, firstRoot)) {
            return VerificationResult.failed("consistency proof leads to first root " + hex(fr)
                    + ", not the expected " + hex(firstRoot) + " for size " + first);
        }
        if (!MessageDigest.isEqual(sr, secondRoot)) {
            return VerificationResult.failed("consistency proof leads to second root " + hex(sr)
                    + ", not the expected " + hex(secondRoot) + " for size " + second);
        }
        return VerificationResult.verified();
    }

    private static String firstMalformed(List<byte[]> proof, byte[] a, String aName, byte[] b, String bName) {
        if (proof == null) {
            return "proof is missing";
        }
        String bad = wrongLength(a, aName);
        if (bad == null) {
            bad = wrongLength(b, bName);
        }
        for (int i = 0; bad == null && i < proof.size(); i++) {
            bad = wrongLength(proof.get(i), "proof hash " + i);
        }
        return bad;
    }

    private static String wrongLength(byte[] hash, String what) {
        if (hash == null) {
            return what + " is missing";
        }
        if (hash.length != MerkleHashes.HASH_SIZE) {
            return what + " is " + hash.length + " bytes, not " + MerkleHashes.HASH_SIZE;
        }
        return null;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
