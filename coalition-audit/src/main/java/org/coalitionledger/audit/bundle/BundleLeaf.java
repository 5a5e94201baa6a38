package org.coalitionledger.audit.bundle;

import org.coalitionledger.audit.LogLeaf;

import java.util.HexFormat;

/** One leaf of the log in a bundle; {@code leafHash} is 64 lowercase hex digits. */
public record BundleLeaf(long leafIndex, long globalIndex, String eventId, String leafHash) {

    public static BundleLeaf of(LogLeaf leaf) {
        return new BundleLeaf(leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(),
                HexFormat.of().formatHex(leaf.leafHash()));
    }

    /** @throws IllegalArgumentException if the hash is not 32 bytes of hex or the event id is missing */
    public LogLeaf toLogLeaf() {
        try {
            return new LogLeaf(leafIndex, globalIndex, eventId, HexFormat.of().parseHex(leafHash));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bundled leaf " + leafIndex + " is malformed: " + e.getMessage(), e);
        }
    }
}
