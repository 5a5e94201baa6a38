package org.coalitionledger.audit;

import java.util.Objects;

/**
 * One leaf of the log as the log recorded it: its position, the stored event it was computed from and the hash
 * that entered the tree.
 *
 * @param leafIndex   the leaf's position in the tree, from 0; never changes once given
 * @param globalIndex the event store's global index of the event when it was logged
 * @param eventId     the event's identifier
 * @param leafHash    {@link LeafEncoding#leafHash} of the stored event, 32 bytes
 */
public record LogLeaf(long leafIndex, long globalIndex, String eventId, byte[] leafHash) {

    public LogLeaf {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index must not be negative: " + leafIndex);
        }
        Objects.requireNonNull(eventId, "eventId");
        MerkleTree.requireHash(leafHash, "leaf hash of leaf " + leafIndex);
        leafHash = leafHash.clone();
    }

    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogLeaf that && leafIndex == that.leafIndex && globalIndex == that.globalIndex
                && eventId.equals(that.eventId) && java.util.Arrays.equals(leafHash, that.leafHash);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(leafIndex, globalIndex, eventId) + java.util.Arrays.hashCode(leafHash);
    }

    @Override
    public String toString() {
        return "LogLeaf[" + leafIndex + ", globalIndex=" + globalIndex + ", eventId=" + eventId + ", leafHash="
                + java.util.HexFormat.of().formatHex(leafHash) + "]";
    }
}
