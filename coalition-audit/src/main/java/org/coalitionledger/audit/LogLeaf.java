package org.coalitionledger.audit;

import java.util.Objects;

/**
 * One leaf of the log as the log recorded it: its position, the stored event it was computed from, when it was
 * logged and the hash that entered the tree.
 *
 * @param leafIndex   the leaf's position in the tree, from 0; never changes once given
 * @param globalIndex the event store's global index of the event (inside the hashed leaf from version 2 on)
 * @param eventId     the event's identifier
 * @param version     the {@link LeafEncoding} version the hash was computed in: 1 or 2
 * @param loggedAt    when the log took the event, in {@link LogTime} form (inside the hashed leaf); null for a
 *                    version 1 leaf, which did not record it
 * @param leafHash    {@link LeafEncoding#leafHash(LogLeaf, StoredEvent)} of the stored event, 32 bytes
 */
public record LogLeaf(long leafIndex, long globalIndex, String eventId, int version, String loggedAt,
        byte[] leafHash) {

    public LogLeaf {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index must not be negative: " + leafIndex);
        }
        Objects.requireNonNull(eventId, "eventId");
        if (version == 1) {
            if (loggedAt != null) {
                throw new IllegalArgumentException("a version 1 leaf has no log time (leaf " + leafIndex + ")");
            }
        } else if (version == 2) {
            if (loggedAt == null) {
                throw new IllegalArgumentException("a version 2 leaf needs its log time (leaf " + leafIndex + ")");
            }
            LogTime.parse(loggedAt);
        } else {
            throw new IllegalArgumentException("leaf " + leafIndex + " has unknown version " + version);
        }
        MerkleTree.requireHash(leafHash, "leaf hash of leaf " + leafIndex);
        leafHash = leafHash.clone();
    }

    /** A version 1 leaf (written before the log recorded positions and log times). */
    public LogLeaf(long leafIndex, long globalIndex, String eventId, byte[] leafHash) {
        this(leafIndex, globalIndex, eventId, 1, null, leafHash);
    }

    /** The version 2 leaf of {@code event} at {@code leafIndex}, logged at {@code loggedAt}. */
    public static LogLeaf of(long leafIndex, StoredEvent event, String loggedAt) {
        return new LogLeaf(leafIndex, event.globalIndex(), event.eventId(), 2, loggedAt,
                LeafEncoding.leafHashV2(event, loggedAt));
    }

    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogLeaf that && leafIndex == that.leafIndex && globalIndex == that.globalIndex
                && eventId.equals(that.eventId) && version == that.version
                && Objects.equals(loggedAt, that.loggedAt) && java.util.Arrays.equals(leafHash, that.leafHash);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(leafIndex, globalIndex, eventId, version, loggedAt)
                + java.util.Arrays.hashCode(leafHash);
    }

    @Override
    public String toString() {
        return "LogLeaf[" + leafIndex + ", globalIndex=" + globalIndex + ", eventId=" + eventId + ", v" + version
                + (loggedAt == null ? "" : ", loggedAt=" + loggedAt) + ", leafHash="
                + java.util.HexFormat.of().formatHex(leafHash) + "]";
    }
}
