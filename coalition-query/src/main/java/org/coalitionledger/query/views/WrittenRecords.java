package org.coalitionledger.query.views;

import java.util.BitSet;

/**
 * The records a fill has written so far, as a Bloom filter: "no" is certain, "maybe" is checked against the row. A fill
 * starts on an empty generation, so a record it has not written has no row, and the fill reads a record's row only
 * when this says maybe: once per correction or retraction of a record written before the page, and rarely in vain
 * (about 1 in 10,000 at a million records). Fixed memory (8 MiB), whatever the number of records; past some tens of
 * millions more reads are in vain, never fewer than needed.
 */
final class WrittenRecords {

    private static final int BITS = 1 << 26;
    private static final int HASHES = 3;

    private final BitSet bits = new BitSet(BITS);

    void add(String coalitionId, String recordId) {
        long hash = hash(coalitionId, recordId);
        for (int i = 0; i < HASHES; i++) {
            bits.set(index(hash, i));
        }
    }

    boolean mightContain(String coalitionId, String recordId) {
        long hash = hash(coalitionId, recordId);
        for (int i = 0; i < HASHES; i++) {
            if (!bits.get(index(hash, i))) {
                return false;
            }
        }
        return true;
    }

    /** The i-th bit of a key: two halves of one 64-bit hash combined (Kirsch and Mitzenmacher). */
    private static int index(long hash, int i) {
        int low = (int) hash;
        int high = (int) (hash >>> 32);
        return Math.floorMod(low + i * high, BITS);
    }

    /** FNV-1a over the coalition, a separator no id holds, and the record id. */
    private static long hash(String coalitionId, String recordId) {
        long hash = 0xcbf29ce484222325L;
        hash = mix(hash, coalitionId);
        hash = (hash ^ 0xffff) * 0x100000001b3L;
        return mix(hash, recordId);
    }

    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
