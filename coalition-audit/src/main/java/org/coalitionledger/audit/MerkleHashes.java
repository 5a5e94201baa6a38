package org.coalitionledger.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The RFC 9162 §2.1 (same as RFC 6962 §2.1) Merkle Tree Hash over SHA-256.
 *
 * <pre>
 * MTH({})       = SHA-256()
 * MTH({d(0)})   = SHA-256(0x00 || d(0))                       leaf hash
 * MTH(D[n])     = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) node hash, k = largest power of two &lt; n
 * </pre>
 *
 * The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an interior node (second-preimage
 * resistance). All hashes are 32 bytes.
 */
public final class MerkleHashes {

    /** Length in bytes of every hash in the log. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    /** Never updated: each hash starts from a copy. */
    private static final MessageDigest SHA_256 = newSha256();

    private MerkleHashes() {
    }

    /** The root of the tree with no leaves: SHA-256 of the empty string. */
    public static byte[] emptyTreeHash() {
        return sha256().digest();
    }

    /** SHA-256(0x00 || leafData). */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(leafData);
        return digest.digest();
    }

    /** SHA-256(0x00 || leafData), the leaf data written by {@code leafData} straight into the hash. */
    static byte[] leafHash(Consumer<MessageDigest> leafData) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        leafData.accept(digest);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /**
     * The Merkle Tree Hash of the given leaf hashes, computed directly from the RFC definition. This is
     * the O(n) reference; {@link MerkleTree} answers the same question in O(log n) for a stored log.
     */
    public static byte[] rootOf(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyTreeHash();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] subtreeRoot(List<byte[]> leafHashes, int start, int count) {
        if (count == 1) {
            return leafHashes.get(start);
        }
        int split = (int) largestPowerOfTwoBelow(count);
        return nodeHash(subtreeRoot(leafHashes, start, split),
                subtreeRoot(leafHashes, start + split, count - split));
    }

    /** The largest power of two strictly smaller than {@code n}, the RFC's split point k; n must be ≥ 2. */
    static long largestPowerOfTwoBelow(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("no power of two is below " + n + " in a split; need n >= 2");
        }
        return Long.highestOneBit(n - 1);
    }

    /**
     * A fresh SHA-256, copied from one made at start: looking the algorithm up among the providers for every hash cost
     * verification, which makes three hashes a leaf, a few percent of its time.
     */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform is required to provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
