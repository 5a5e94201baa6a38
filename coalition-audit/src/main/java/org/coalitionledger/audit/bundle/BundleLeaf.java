package org.coalitionledger.audit.bundle;

import org.coalitionledger.audit.LogLeaf;

import java.util.HexFormat;

/**
 * One leaf of the log in a bundle; {@code leafHash} is 64 lowercase hex digits, {@code loggedAt} the log time of a
 * version 2 leaf (null for version 1).
 */
public record BundleLeaf(long leafIndex, long globalIndex, String eventId, int version, String loggedAt,
        String leafHash) {

    public static BundleLeaf of(LogLeaf leaf) {
        return new BundleLeaf(leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(), leaf.version(), leaf.loggedAt(),
                HexFormat.of().formatHex(leaf.leafHash()));
    }

    /** @throws IllegalArgumentException if the hash is not 32 bytes of hex, or the version or log time is wrong */
    public LogLeaf toLogLeaf() {
        try {
            return new LogLeaf(leafIndex, globalIndex, eventId, version, loggedAt, HexFormat.of().parseHex(leafHash));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bundled leaf " + leafIndex + " is malformed: " + e.getMessage(), e);
        }
    }
}
