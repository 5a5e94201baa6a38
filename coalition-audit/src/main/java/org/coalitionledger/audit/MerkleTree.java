package org.coalitionledger.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, held in memory.
 *
 * <p>Besides the leaf hashes it keeps the hash of every complete, aligned power-of-two subtree
 * ({@code levels.get(h).get(i)} covers leaves {@code [i·2^h, (i+1)·2^h)}), maintained in amortised O(1)
 * per append. Any subtree the RFC recursion asks for is then a chain of at most log2(n) such perfect
 * subtrees, so {@link #root(long)} costs O(log n) and each proof O(log² n) hashing, for every earlier
 * tree size as well as the current one.
 *
 * <p>Not thread-safe: callers that append and read concurrently must synchronise.
 */
public final class MerkleTree {

    /** levels.get(0) are the leaf hashes; levels.get(h) the hashes of perfect subtrees of 2^h leaves. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new ArrayList<>());
    }

    /** Number of leaves appended so far. */
    public long size() {
        return levels.get(0).size();
    }

    /**
     * Appends one leaf hash (see {@link MerkleHashes#leafHash} and {@link LeafEncoding#leafHash}).
     *
     * @return the index of the new leaf
     */
    public long append(byte[] leafHash) {
        requireHash(leafHash, "leafHash");
        if (size() == Integer.MAX_VALUE) {
            throw new IllegalStateException("this in-memory tree is full at " + Integer.MAX_VALUE + " leaves");
        }
        long index = size();
        byte[] carry = leafHash.clone();
        int height = 0;
        levels.get(0).add(carry);
        // Like incrementing a binary counter: each completed pair becomes a perfect subtree one level up.
        while (levels.get(height).size() % 2 == 0) {
            List<byte[]> level = levels.get(height);
            carry = MerkleHashes.nodeHash(level.get(level.size() - 2), level.get(level.size() - 1));
            height++;
            if (levels.size() == height) {
                levels.add(new ArrayList<>());
            }
            levels.get(height).add(carry);
        }
        return index;
    }

    /**
     * The frontier of the tree of its first {@code treeSize} leaves: the hashes of the perfect subtrees that make
     * it up, largest first ({@link CompactRange#ofFrontier}).
     */
    public List<byte[]> frontier(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is outside [0, " + size() + "]");
        }
        List<byte[]> frontier = new ArrayList<>();
        long start = 0;
        for (int height = 62; height >= 0; height--) {
            long width = 1L << height;
            if ((treeSize & width) != 0) {
                frontier.add(levels.get(height).get((int) (start / width)).clone());
                start += width;
            }
        }
        return frontier;
    }

    /** The leaf hash stored at {@code leafIndex}. */
    public byte[] leafHash(long leafIndex) {
        if (leafIndex < 0 || leafIndex >= size()) {
            throw new IndexOutOfBoundsException("leaf index " + leafIndex + " is outside [0, " + size() + ")");
        }
        return levels.get(0).get((int) leafIndex).clone();
    }

    /** The root hash of the tree at its current size. */
    public byte[] root() {
        return root(size());
    }

    /** The root hash of the tree as it was when it held its first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        requireTreeSize(treeSize);
        if (treeSize == 0) {
            return MerkleHashes.emptyTreeHash();
        }
        return subtreeHash(0, (int) treeSize).clone();
    }

    /**
     * The RFC 9162 §2.1.3.1 inclusion proof PATH(leafIndex, D[treeSize]): sibling hashes from the leaf
     * upwards.
     */
    public List<byte[]> inclusionProof(long leafIndex, long treeSize) {
        requireTreeSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " is outside a tree of size " + treeSize);
        }
        List<byte[]> proof = new ArrayList<>();
        appendInclusionPath((int) leafIndex, 0, (int) treeSize, proof);
        return copies(proof);
    }

    /**
     * The RFC 9162 §2.1.4.1 consistency proof PROOF(first, D[second]). Empty when {@code first} is 0 or
     * equals {@code second}: every tree is consistent with the empty tree and with itself.
     */
    public List<byte[]> consistencyProof(long first, long second) {
        requireTreeSize(second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException(
                    "first size " + first + " must be within [0, second size " + second + "]");
        }
        List<byte[]> proof = new ArrayList<>();
        if (first == 0 || first == second) {
            return proof;
        }
        appendSubproof((int) first, 0, (int) second, true, proof);
        return copies(proof);
    }

    private void appendInclusionPath(int m, int start, int n, List<byte[]> proof) {
        if (n == 1) {
            return;
        }
        int k = (int) MerkleHashes.largestPowerOfTwoBelow(n);
        if (m < k) {
            appendInclusionPath(m, start, k, proof);
            proof.add(subtreeHash(start + k, n - k));
        } else {
            appendInclusionPath(m - k, start + k, n - k, proof);
            proof.add(subtreeHash(start, k));
        }
    }

    /** SUBPROOF(m, D[start:start+n], startsAtOldRoot) of RFC 9162 §2.1.4.1. */
    private void appendSubproof(int m, int start, int n, boolean startsAtOldRoot, List<byte[]> proof) {
        if (m == n) {
            // The old tree's root is this very subtree; the verifier already has it unless we are below it.
            if (!startsAtOldRoot) {
                proof.add(subtreeHash(start, n));
            }
            return;
        }
        int k = (int) MerkleHashes.largestPowerOfTwoBelow(n);
        if (m <= k) {
            appendSubproof(m, start, k, startsAtOldRoot, proof);
            proof.add(subtreeHash(start + k, n - k));
        } else {
            appendSubproof(m - k, start + k, n - k, false, proof);
            proof.add(subtreeHash(start, k));
        }
    }

    /** MTH(D[start:start+count]) for a range the RFC recursion produces; count ≥ 1. */
    private byte[] subtreeHash(int start, int count) {
        if (Integer.bitCount(count) == 1) {
            int height = Integer.numberOfTrailingZeros(count);
            if (start % count != 0) {
                throw new IllegalStateException("perfect subtree [" + start + ", " + (start + count)
                        + ") is not aligned; the RFC recursion never asks for one");
            }
            return levels.get(height).get(start >> height);
        }
        int k = (int) MerkleHashes.largestPowerOfTwoBelow(count);
        return MerkleHashes.nodeHash(subtreeHash(start, k), subtreeHash(start + k, count - k));
    }

    private void requireTreeSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException(
                    "tree size " + treeSize + " is outside [0, " + size() + "], the sizes this log has had");
        }
    }

    private static List<byte[]> copies(List<byte[]> hashes) {
        List<byte[]> result = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            result.add(hash.clone());
        }
        return result;
    }

    static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != MerkleHashes.HASH_SIZE) {
            throw new IllegalArgumentException(what + " must be " + MerkleHashes.HASH_SIZE + " bytes, got "
                    + (hash == null ? "null" : hash.length + " bytes"));
        }
    }
}
