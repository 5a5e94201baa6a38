package org.coalitionledger.log;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many rows the log's reads have returned since start, by what they were read for. Shows that a request's cost
 * follows its answer and not the store: tests (and operators, through the metrics) compare the counts before and
 * after a request.
 */
public final class RowsRead {

    /** What rows were read for. */
    public enum Read {
        /** A coalition's leaves with their events, for its views as recorded at an instant or as of a checkpoint. */
        COALITION_LEAVES,
        /**
         * Stored events for event-history pages: a coalition's (through the coalition index, and the unlogged tail)
         * and the administrative acts.
         */
        EVENT_HISTORY,
        /**
         * Global indexes and timestamps of events stored lately, read by event-history pages to find a write that
         * may still commit before where the page would lead its reader.
         */
        RECENT_WRITES,
        /** Leaves (index and hash) taken by the log's tree in memory, as they are committed and after a start. */
        TREE_LEAVES,
        /** Leaves with their events, in log order: verification and bundles. */
        LOG,
        /** Stored events no leaf names (verification). */
        UNLOGGED_EVENTS,
        /**
         * Stored events no leaf names, read by the scheduled sweep that logs what the log processor missed: a
         * background job's rows, apart from any request's.
         */
        SWEPT_EVENTS,
        /** Stored fold snapshots read to restore the whole fold (their records are counted as {@link #FOLD_RECORDS}). */
        FOLD_SNAPSHOTS,
        /**
         * Stored record states and restatements, read to restore a snapshot's fold: whole, or only the records that
         * later leaves name.
         */
        FOLD_RECORDS,
        /** Stored fold snapshots' heads alone (a row per year, no records). */
        FOLD_HEADS,
        /** A coalition's leaves with their events, folded to write or to check its fold snapshots. */
        SNAPSHOT_FOLDS
    }

    private final Map<Read, LongAdder> counts = new EnumMap<>(Read.class);

    RowsRead() {
        for (Read read : Read.values()) {
            counts.put(read, new LongAdder());
        }
    }

    void count(Read read) {
        counts.get(read).increment();
    }

    void count(Read read, long rows) {
        counts.get(read).add(rows);
    }

    /** Rows read for {@code read} since start. */
    public long get(Read read) {
        return counts.get(read).sum();
    }
}
