package org.coalitionledger.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes.
 *
 * <p>Besides the leaf hashes it keeps the hash of every complete, aligned power-of-two subtree
 * ({@code levels.get(h).get(i)} covers leaves {@code [i·2^h, (i+1)·2^h)}), maintained in amortised O(1)
 * per append. Any subtree the RFC recursion asks for is then a chain of at most log2(n) such perfect
 * subtrees, so {@link #root(long)} costs O(log n) and each proof O(log² n) hashing, for every earlier
 * tree size as well as the current one.
 *
 * <p>A tree made {@link #tiled tiled} holds in memory only the levels from a tile height up (a 2^h-th of the
 * nodes) and the leaves of its last, incomplete tile; a lower node is computed from its tile's leaf hashes, read
 * from where they are stored and checked against the tile's hash the tree computed when it took them, so a stored
 * leaf hash changed since is named ({@link LeavesChangedException}) instead of proved. A few tiles read are kept
 * until {@link #forgetStoredTiles}.
 *
 * <p>Not thread-safe: callers that append and read concurrently must synchronise.
 */
public final class MerkleTree {

    /** The stored leaf hashes {@code [from, to)} in leaf order (fewer if some are missing). */
    @FunctionalInterface
    public interface StoredLeaves {
        List<byte[]> read(long from, long to);
    }

    /** Stored leaf hashes no longer hash to the tile's hash computed when the tree took them. */
    public static final class LeavesChangedException extends IllegalStateException {
        LeavesChangedException(String message) {
            super(message);
        }
    }

    /** levels.get(h) are the hashes of perfect subtrees of 2^h leaves; empty below the tile height. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    /** The height of the lowest level held in memory; 0 holds every leaf hash. */
    private final int tileHeight;
    private final StoredLeaves stored;
    /** The leaves of the incomplete last tile, while the tile height is above 0. */
    private final List<byte[]> pending = new ArrayList<>();
    private long size;
    /** Complete tiles read from storage and checked since {@link #forgetStoredTiles}: at most a few, by index. */
    private final java.util.Map<Integer, List<byte[]>> readTiles = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, List<byte[]>> eldest) {
            return size() > TILES_KEPT;
        }
    };
    /** An answer needs at most two tiles (its leaf's, and the one each tree size it names ends in). */
    private static final int TILES_KEPT = 4;

    /** A tree that holds every node in memory. */
    public MerkleTree() {
        this(0, null);
    }

    private MerkleTree(int tileHeight, StoredLeaves stored) {
        this.tileHeight = tileHeight;
        this.stored = stored;
        for (int height = 0; height <= tileHeight; height++) {
            levels.add(new ArrayList<>());
        }
    }

    /**
     * A tree that holds the levels from {@code tileHeight} up and reads the leaf hashes of a complete tile of
     * 2^tileHeight leaves from {@code stored} when a lower node is asked for.
     */
    public static MerkleTree tiled(int tileHeight, StoredLeaves stored) {
        if (tileHeight < 1 || tileHeight > 16) {
            throw new IllegalArgumentException("tile height must be within [1, 16]; got " + tileHeight);
        }
        return new MerkleTree(tileHeight, java.util.Objects.requireNonNull(stored, "stored"));
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** How many hashes the tree holds in memory (leaf and node hashes together). */
    public long hashesHeld() {
        long held = pending.size();
        for (List<byte[]> level : levels) {
            held += level.size();
        }
        return held;
    }

    /**
     * Appends one leaf hash (see {@link MerkleHashes#leafHash} and {@link LeafEncoding#leafHash}).
     *
     * @return the index of the new leaf
     */
    public long append(byte[] leafHash) {
        requireHash(leafHash, "leafHash");
        if (size() == Integer.MAX_VALUE) {
            throw new IllegalStateException("this tree is full at " + Integer.MAX_VALUE + " leaves");
        }
        long index = size++;
        if (tileHeight == 0) {
            push(0, leafHash.clone());
        } else {
            pending.add(leafHash.clone());
            if (pending.size() == 1 << tileHeight) {
                byte[] tile = MerkleHashes.rootOf(pending);
                pending.clear();
                push(tileHeight, tile);
            }
        }
        return index;
    }

    /** Like incrementing a binary counter: each completed pair becomes a perfect subtree one level up. */
    private void push(int height, byte[] hash) {
        levels.get(height).add(hash);
        while (levels.get(height).size() % 2 == 0) {
            List<byte[]> level = levels.get(height);
            byte[] carry = MerkleHashes.nodeHash(level.get(level.size() - 2), level.get(level.size() - 1));
            height++;
            if (levels.size() == height) {
                levels.add(new ArrayList<>());
            }
            levels.get(height).add(carry);
        }
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
                frontier.add(subtreeHash((int) start, (int) width).clone());
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
        return subtreeHash((int) leafIndex, 1).clone();
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
            return height >= tileHeight ? levels.get(height).get(start >> height) : belowTiles(start, count);
        }
        int k = (int) MerkleHashes.largestPowerOfTwoBelow(count);
        return MerkleHashes.nodeHash(subtreeHash(start, k), subtreeHash(start + k, count - k));
    }

    /**
     * Forgets the tiles read from storage, so the next answers read and check what is stored then. A tiled tree keeps
     * the few it read last until this is called; a caller forgets them before each request.
     */
    public void forgetStoredTiles() {
        readTiles.clear();
    }

    /** A perfect subtree below the tile height, hashed from its tile's leaves. */
    private byte[] belowTiles(int start, int count) {
        int tile = start >> tileHeight;
        int offset = start - (tile << tileHeight);
        List<byte[]> leaves = tileLeaves(tile);
        return count == 1 ? leaves.get(offset) : MerkleHashes.rootOf(leaves.subList(offset, offset + count));
    }

    /** A tile's leaf hashes: the incomplete last tile's from memory, a complete one's from storage, checked. */
    private List<byte[]> tileLeaves(int tile) {
        long width = 1L << tileHeight;
        if (tile == levels.get(tileHeight).size()) {
            return pending;
        }
        List<byte[]> kept = readTiles.get(tile);
        if (kept == null) {
            long from = tile * width;
            List<byte[]> leaves = stored.read(from, from + width);
            if (leaves.size() != width) {
                throw new LeavesChangedException("leaves [" + from + ", " + (from + width) + ") of the log: "
                        + leaves.size() + " are stored where the tree took " + width);
            }
            if (!java.util.Arrays.equals(MerkleHashes.rootOf(leaves), levels.get(tileHeight).get(tile))) {
                throw new LeavesChangedException("leaves [" + from + ", " + (from + width) + ") of the log no "
                        + "longer hash to what the tree took: a stored leaf hash was changed");
            }
            kept = List.copyOf(leaves);
            readTiles.put(tile, kept);
        }
        return kept;
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
