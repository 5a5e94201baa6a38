package org.coalitionledger.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 root of a growing log in O(log n) memory: the hashes of the perfect subtrees that make up leaves
 * {@code [0, size)}, largest first (one per set bit of {@code size}). Appending a leaf merges equal-sized subtrees;
 * the root folds them from the right, which is exactly the RFC's recursion (the left subtree of a tree of n leaves
 * is the largest power of two below n). Lets a verifier stream millions of leaves, and start from a frontier it
 * checked against a signed root instead of from leaf 0.
 */
public final class CompactRange {

    private final List<byte[]> subtrees = new ArrayList<>();
    private final List<Integer> heights = new ArrayList<>();
    private long size;

    /** An empty range, the frontier of the empty tree. */
    public CompactRange() {
    }

    /**
     * The range of a tree of {@code size} leaves from its frontier ({@link MerkleTree#frontier}).
     *
     * @throws IllegalArgumentException if the number of hashes does not fit {@code size}
     */
    public static CompactRange ofFrontier(long size, List<byte[]> frontier) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has a frontier of " + Long.bitCount(size)
                    + " hashes, not " + frontier.size());
        }
        CompactRange range = new CompactRange();
        int next = 0;
        for (int height = 63; height >= 0; height--) {
            if ((size & (1L << height)) != 0) {
                byte[] hash = frontier.get(next++);
                MerkleTree.requireHash(hash, "frontier hash");
                range.subtrees.add(hash.clone());
                range.heights.add(height);
            }
        }
        range.size = size;
        return range;
    }

    public long size() {
        return size;
    }

    /** Appends one leaf hash. */
    public void append(byte[] leafHash) {
        MerkleTree.requireHash(leafHash, "leafHash");
        byte[] carry = leafHash.clone();
        int height = 0;
        while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
            carry = MerkleHashes.nodeHash(subtrees.remove(subtrees.size() - 1), carry);
            heights.remove(heights.size() - 1);
            height++;
        }
        subtrees.add(carry);
        heights.add(height);
        size++;
    }

    /** The root of the leaves appended so far (the empty-tree hash when there are none). */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return MerkleHashes.emptyTreeHash();
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = MerkleHashes.nodeHash(subtrees.get(i), root);
        }
        return root;
    }

    /** The frontier: the perfect subtrees' hashes, largest first. */
    public List<byte[]> frontier() {
        return subtrees.stream().map(byte[]::clone).toList();
    }
}
