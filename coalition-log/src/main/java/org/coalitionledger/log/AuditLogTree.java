package org.coalitionledger.log;

import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The log's Merkle tree, so roots and proofs cost O(log n). It is a cache of the {@code audit_leaf} table: each read
 * first appends the leaves committed since the last one (by this node's processor or another node's), so it never
 * holds a leaf whose transaction rolled back. Rebuilt from the table on start.
 *
 * <p>Held in memory from tiles of 2^{@value #TILE_HEIGHT} leaves up (the tiles' hashes and the levels above them:
 * about one hash per 128 leaves, where the whole tree holds two per leaf; about 0.5 MB a million leaves instead of
 * about 100 MB). The root at the current size, or at any multiple of 256 leaves, comes from memory; a proof, or the
 * root of another earlier size, reads the one or two tiles of leaf hashes it needs from the table (once per read),
 * checked against the tile hashes computed when this node took those leaves: a leaf hash changed since is named
 * ({@link MerkleTree.LeavesChangedException}), not proved, and a checkpoint whose consistency with the last one
 * needs such a tile is not signed.
 *
 * <p>Concurrent reads wait for each other only while they work in memory: the table is read outside the tree's lock
 * (the new leaves, then each tile a read asks for, after which the read runs again with it), so a read whose query
 * is slow holds up no other.
 */
@Component
public class AuditLogTree {

    private static final Logger log = LoggerFactory.getLogger(AuditLogTree.class);

    static final int TILE_HEIGHT = 8;
    private static final int CATCH_UP_PAGE = 10_000;

    private final AuditLogStore store;
    private final MerkleTree tree;
    /** The running read's tiles from the table, by first leaf; guarded by this. */
    private Map<Long, List<byte[]>> fetchedTiles = Map.of();

    AuditLogTree(AuditLogStore store) {
        this.store = store;
        this.tree = MerkleTree.tiled(TILE_HEIGHT, this::fetchedTile);
    }

    /**
     * Takes the table's leaves when the application is ready, before it is marked as accepting traffic, so the first
     * requests after a start do not (a million leaves: about a hundred statements). Should the table not answer, the
     * first read takes them instead.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void takeLeavesAtStart() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("The log's tree could not take the stored leaves at start; the first read will: {}",
                    e.getMessage());
        }
    }

    /**
     * Runs {@code reader} on the tree, brought up to date with the committed leaves; the tree must not escape. The
     * reader runs once more for each tile it needs from the table, so it must only read.
     */
    public <T> T read(Function<MerkleTree, T> reader) {
        catchUp();
        Map<Long, List<byte[]>> tiles = new HashMap<>();
        while (true) {
            TileNeeded needed;
            synchronized (this) {
                fetchedTiles = tiles;
                try {
                    return reader.apply(tree);
                } catch (TileNeeded e) {
                    needed = e;
                } finally {
                    // Each read checks the tiles it needs as they are stored then, the next one included.
                    tree.forgetStoredTiles();
                    fetchedTiles = Map.of();
                }
            }
            tiles.put(needed.from, store.leafHashes(needed.from, needed.to));
        }
    }

    /** How many hashes the tree holds in memory, brought up to date. */
    public long hashesHeld() {
        catchUp();
        synchronized (this) {
            return tree.hashesHeld();
        }
    }

    private List<byte[]> fetchedTile(long from, long to) {
        List<byte[]> tile = fetchedTiles.get(from);
        if (tile == null) {
            throw new TileNeeded(from, to);
        }
        return tile;
    }

    private void catchUp() {
        while (true) {
            long from;
            synchronized (this) {
                from = tree.size();
            }
            List<LogLeaf> page = store.leaves(from, from + CATCH_UP_PAGE);
            store.rowsRead().count(RowsRead.Read.TREE_LEAVES, page.size());
            synchronized (this) {
                for (LogLeaf leaf : page) {
                    if (leaf.leafIndex() < tree.size()) {
                        continue; // another read took it from the table meanwhile
                    }
                    if (leaf.leafIndex() != tree.size()) {
                        // Leaf indexes are dense by construction; a hole means the table was edited by hand.
                        throw new IllegalStateException("audit_leaf has no leaf " + tree.size() + " (next is "
                                + leaf.leafIndex() + ")");
                    }
                    tree.append(leaf.leafHash());
                }
            }
            if (page.size() < CATCH_UP_PAGE) {
                return;
            }
        }
    }

    /** A read asked for a tile of leaf hashes it does not have yet: read it from the table, then run it again. */
    private static final class TileNeeded extends RuntimeException {

        private final long from;
        private final long to;

        TileNeeded(long from, long to) {
            super(null, null, false, false);
            this.from = from;
            this.to = to;
        }
    }
}
