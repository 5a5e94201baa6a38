package org.coalitionledger.log;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldHead;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshots of each coalition's fold over its logged events ({@code coalition_fold_snapshot}), so the views as
 * recorded at an instant and as of a checkpoint fold only the coalition's leaves after the nearest one
 * ({@link LoggedHistoryStore}). After every {@code coalition.audit.fold-head-interval} (100) leaves of a coalition a
 * snapshot stores the fold's head ({@link FoldHead}: the fold without its records, and the year table per basis those
 * records make; a row per year), and after every {@code coalition.audit.fold-snapshot-interval} (1000) also its whole
 * state. Every record's id is listed once, with the first snapshot that holds it ({@code coalition_fold_record}). A
 * view other than the restatement trail continues from the nearest head when the facts after it only add records the
 * snapshot does not hold ({@link #nearestHead}, {@link #holdsAny}); otherwise, and for the trail, the fold continues
 * from the nearest whole state ({@link #nearest}).
 *
 * <p>Written off the request path, by a background job on every node (the positions are fixed by the coalition's
 * leaves, so nodes write the same snapshots and the second insert is ignored). Snapshots are derived data that
 * whoever owns the database could change: each names the leaf it was made at, how many leaves it folds and the
 * latest time among them, and verification ({@link #check}) re-folds the leaves and compares state, head and list, so
 * a changed snapshot is reported. One whose state or head cannot be read is passed over (the fold starts from the one
 * before, or from the first leaf).
 */
@Component
public class FoldSnapshots {

    private static final Logger log = LoggerFactory.getLogger(FoldSnapshots.class);

    /**
     * The snapshot format: a mapper of the log's own, so no other JSON settings change what a stored snapshot means.
     * Amounts stay exact decimals with their scale, enums go by name, and an unknown field means another format
     * (the snapshot is passed over, never guessed at).
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String KEY_COLUMNS = "s.coalition_id, s.leaf_index, s.coalition_leaves, s.covers_until";
    private static final String COLUMNS = KEY_COLUMNS + ", s.state, s.head";
    /** Record ids asked about per statement. */
    private static final int IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final AuditLogStore store;
    private final TransactionTemplate transactions;
    /** Coalition leaves between stored heads: what a view continued from a head folds at most. */
    private final int headInterval;
    /** Coalition leaves between stored whole states (a multiple of {@link #headInterval}). */
    private final int stateInterval;
    /** The coalition index rows below this leaf were looked at by an earlier run of {@link #writeDue}. */
    private final AtomicLong indexedBefore = new AtomicLong();

    FoldSnapshots(JdbcTemplate jdbc, AuditLogStore store, TransactionTemplate transactions,
            @Value("${coalition.audit.fold-head-interval:100}") int headInterval,
            @Value("${coalition.audit.fold-snapshot-interval:1000}") int stateInterval) {
        if (headInterval < 1 || stateInterval < 1 || stateInterval % headInterval != 0) {
            throw new IllegalArgumentException("coalition.audit.fold-head-interval (" + headInterval + ") and "
                    + "coalition.audit.fold-snapshot-interval (" + stateInterval + ") must be at least 1, the second a "
                    + "multiple of the first");
        }
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
        this.headInterval = headInterval;
        this.stateInterval = stateInterval;
    }

    /**
     * A stored snapshot: the fold of the coalition's leaves up to and including {@code leafIndex}; {@code state} is
     * null where only the head was read, {@code head} where none was stored.
     */
    record Stored(String coalitionId, long leafIndex, long coalitionLeaves, Instant coversUntil, String state,
                  String head) {
    }

    private Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        store.rowsRead().count(RowsRead.Read.FOLD_SNAPSHOTS);
        return new Stored(rs.getString("coalition_id"), rs.getLong("leaf_index"), rs.getLong("coalition_leaves"),
                rs.getObject("covers_until", OffsetDateTime.class).toInstant(), rs.getString("state"),
                rs.getString("head"));
    }

    private Stored storedHead(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        store.rowsRead().count(RowsRead.Read.FOLD_HEADS);
        return new Stored(rs.getString("coalition_id"), rs.getLong("leaf_index"), rs.getLong("coalition_leaves"),
                rs.getObject("covers_until", OffsetDateTime.class).toInstant(), null, rs.getString("head"));
    }

    /**
     * A fold under way: the fold, how many leaves it holds, the last leaf it took and the latest time any of them
     * counts as recorded at.
     */
    static final class Progress {

        private final CoalitionLedgerFold fold;
        /** The leaf the fold started after: its snapshot's leaf, or -1. */
        private final long startLeafIndex;
        private long leaves;
        private long lastLeafIndex;
        private Instant coversUntil;
        /** How many of the fold's records (in fold order) {@code coalition_fold_record} lists. */
        private int listedRecords;
        /** The leaf count of the latest stored whole state this fold continues (0: none). */
        private long leavesAtLastState;
        /**
         * The fold continued from the head last made of this fold (null before one was): the next head is made from
         * it, at the cost of the leaves since, where it can answer.
         */
        private CoalitionLedgerFold sinceHead;

        private Progress(CoalitionLedgerFold fold, long leaves, long lastLeafIndex, Instant coversUntil) {
            this.fold = fold;
            this.startLeafIndex = lastLeafIndex;
            this.leaves = leaves;
            this.lastLeafIndex = lastLeafIndex;
            this.coversUntil = coversUntil;
        }

        static Progress start(String coalitionId) {
            return new Progress(new CoalitionLedgerFold(coalitionId), 0, -1, null);
        }

        void take(long leafIndex, Instant countsAsRecordedAt, LedgerEntry entry) {
            fold.apply(entry);
            if (sinceHead != null) {
                sinceHead.apply(entry);
            }
            leaves++;
            lastLeafIndex = leafIndex;
            coversUntil = coversUntil == null || countsAsRecordedAt.isAfter(coversUntil) ? countsAsRecordedAt
                    : coversUntil;
        }

        CoalitionLedgerFold fold() {
            return fold;
        }

        long lastLeafIndex() {
            return lastLeafIndex;
        }

        long startLeafIndex() {
            return startLeafIndex;
        }

        /**
         * The fold's head as stored (null for a fold without its founding), made from the previous head and the
         * leaves since where those only added records (the same rule and the same result as a view continued from
         * a head: a record count that differs from the whole fold's shows one recorded twice), else from every record.
         */
        String head() {
            if (!fold.isFounded()) {
                return null;
            }
            boolean continued = sinceHead != null && sinceHead.answersWithoutEarlierRecords()
                    && sinceHead.recordCount() == fold.recordCount();
            FoldHead head = continued ? sinceHead.head() : fold.head();
            sinceHead = CoalitionLedgerFold.continueFrom(head);
            return JSON.writeValueAsString(head);
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * The fold to continue from for the coalition's view as recorded at {@code recordedAt} or as of tree size
     * {@code treeSize}: the latest snapshot wholly within it, restored, or an empty fold.
     */
    Progress nearest(String coalitionId, Instant recordedAt, Long treeSize) {
        String cut = treeSize != null ? "s.leaf_index < ?" : "s.covers_until <= ?";
        Object bound = treeSize != null ? treeSize : OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
        // Newest first; one that cannot be read is passed over for the one before it.
        for (long below = Long.MAX_VALUE; ; ) {
            Optional<Stored> found = jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s "
                    + "where s.coalition_id = ? and s.state is not null and s.leaf_index < ? and " + cut
                    + " order by s.leaf_index desc fetch first 1 rows only", this::stored, coalitionId, below, bound)
                    .stream().findFirst();
            if (found.isEmpty()) {
                return Progress.start(coalitionId);
            }
            Optional<Progress> restored = restore(found.get());
            if (restored.isPresent()) {
                return restored.get();
            }
            below = found.get().leafIndex();
        }
    }

    private static Optional<Progress> restore(Stored snapshot) {
        try {
            CoalitionLedgerFold fold = CoalitionLedgerFold.restore(JSON.readValue(snapshot.state(),
                    FoldSnapshot.class));
            if (!snapshot.coalitionId().equals(fold.coalitionId())) {
                throw new IllegalArgumentException("it holds coalition " + fold.coalitionId());
            }
            var progress = new Progress(fold, snapshot.coalitionLeaves(), snapshot.leafIndex(),
                    snapshot.coversUntil());
            // A snapshot with a head was written with its records listed; for one without, nothing is assumed.
            progress.listedRecords = snapshot.head() == null ? 0 : fold.recordIds().size();
            progress.leavesAtLastState = snapshot.coalitionLeaves();
            return Optional.of(progress);
        } catch (RuntimeException e) {
            log.warn("Fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A fold continued from the head of the latest snapshot wholly within the bound (as {@link #nearest} chooses),
     * reading neither its whole state nor any other snapshot; empty when there is no such snapshot or it has no
     * readable head.
     */
    Optional<Progress> nearestHead(String coalitionId, Instant recordedAt, Long treeSize) {
        String cut = treeSize != null ? "s.leaf_index < ?" : "s.covers_until <= ?";
        Object bound = treeSize != null ? treeSize : OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
        Optional<Stored> found = jdbc.query("select " + KEY_COLUMNS + ", s.head from coalition_fold_snapshot s "
                + "where s.coalition_id = ? and " + cut + " order by s.leaf_index desc fetch first 1 rows only",
                this::storedHead, coalitionId, bound).stream().findFirst();
        if (found.isEmpty() || found.get().head() == null) {
            return Optional.empty();
        }
        Stored snapshot = found.get();
        try {
            FoldHead head = JSON.readValue(snapshot.head(), FoldHead.class);
            if (!snapshot.coalitionId().equals(head.coalitionId())) {
                throw new IllegalArgumentException("it holds coalition " + head.coalitionId());
            }
            return Optional.of(new Progress(CoalitionLedgerFold.continueFrom(head), snapshot.coalitionLeaves(),
                    snapshot.leafIndex(), snapshot.coversUntil()));
        } catch (RuntimeException e) {
            log.warn("Head of the fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether any of {@code recordIds} is among the records of the coalition's snapshot at {@code leafIndex}. */
    boolean holdsAny(String coalitionId, long leafIndex, List<String> recordIds) {
        return !listed(coalitionId, leafIndex, recordIds).isEmpty();
    }

    /** Those of {@code recordIds} that {@code coalition_fold_record} lists at or before the leaf. */
    private Set<String> listed(String coalitionId, long leafIndex, List<String> recordIds) {
        Set<String> listed = new HashSet<>();
        for (int from = 0; from < recordIds.size(); from += IDS_PER_QUERY) {
            List<String> ids = recordIds.subList(from, Math.min(recordIds.size(), from + IDS_PER_QUERY));
            List<Object> arguments = new ArrayList<>(ids);
            arguments.add(0, coalitionId);
            arguments.add(1, leafIndex);
            listed.addAll(jdbc.queryForList("select r.record_id from coalition_fold_record r where r.coalition_id = ? "
                    + "and r.leaf_index <= ? and r.record_id in (" + placeholders(ids.size()) + ")", String.class,
                    arguments.toArray()));
        }
        return listed;
    }

    // ------------------------------------------------------------------------------------------------ writing

    @Scheduled(initialDelayString = "${coalition.audit.fold-snapshot-sweep-interval:PT15S}",
            fixedDelayString = "${coalition.audit.fold-snapshot-sweep-interval:PT15S}")
    void scheduledWrite() {
        try {
            writeDue();
        } catch (RuntimeException e) {
            log.warn("Writing fold snapshots failed (will retry): {}", e.getMessage());
        }
    }

    /**
     * Writes the snapshots now due: for each coalition with leaves logged since the last run, one at each multiple of
     * the interval among its leaves that has none yet. Returns how many were written.
     */
    public synchronized int writeDue() {
        long from = indexedBefore.get();
        long to = store.head().nextLeafIndex();
        List<String> touched = jdbc.queryForList("select distinct c.coalition_id from audit_leaf_coalition c "
                + "where c.leaf_index >= ? and c.leaf_index < ? and c.coalition_id is not null", String.class, from,
                to);
        int written = 0;
        for (String coalitionId : touched) {
            written += writeDue(coalitionId, to);
        }
        indexedBefore.set(to);
        return written;
    }

    /**
     * Writes the coalition's due snapshots one transaction each: a head after every {@link #headInterval} of its
     * leaves, with the whole state too once {@link #stateInterval} leaves followed the last one with it. A stored
     * whole state (the whole coalition, megabytes at scale) is read only when a snapshot is due and no fold was
     * carried, and a fold just written is carried on to the next snapshot instead of being read back.
     */
    private int writeDue(String coalitionId, long treeSize) {
        int written = 0;
        Progress[] carried = {null};
        while (true) {
            Integer done = transactions.execute(status -> {
                List<Long> latest = jdbc.queryForList("select s.leaf_index from coalition_fold_snapshot s "
                        + "where s.coalition_id = ? order by s.leaf_index desc fetch first 1 rows only", Long.class,
                        coalitionId);
                long after = latest.isEmpty() ? -1 : latest.get(0);
                // The leaf that completes the next interval of the coalition's leaves, if logged yet.
                List<Long> boundary = jdbc.queryForList("select c.leaf_index from audit_leaf_coalition c "
                        + "where c.coalition_id = ? and c.leaf_index > ? and c.leaf_index < ? order by c.leaf_index "
                        + "offset " + (headInterval - 1) + " rows fetch next 1 rows only", Long.class, coalitionId,
                        after, treeSize);
                if (boundary.isEmpty()) {
                    return 0;
                }
                Progress progress = carried[0] != null && carried[0].lastLeafIndex() == after ? carried[0]
                        : after < 0 ? Progress.start(coalitionId) : latestState(coalitionId, after).orElse(null);
                carried[0] = null;
                if (progress == null) {
                    return 0; // an unreadable latest state: verification reports it, nothing is built on it
                }
                long at = boundary.get(0);
                LoggedHistoryStore.forEachEntryAfter(store, coalitionId, progress.lastLeafIndex(), null, at + 1,
                        RowsRead.Read.SNAPSHOT_FOLDS, progress::take);
                insert(coalitionId, at, progress);
                carried[0] = progress;
                return 1;
            });
            if (done == null || done == 0) {
                return written;
            }
            written++;
        }
    }

    /**
     * The fold to continue from the coalition's latest snapshot at {@code leafIndex}: its latest stored whole state
     * (at or before it), restored; empty if that cannot be read. Without a stored whole state, an empty fold.
     */
    private Optional<Progress> latestState(String coalitionId, long leafIndex) {
        Optional<Stored> state = jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s where "
                + "s.coalition_id = ? and s.state is not null and s.leaf_index <= ? order by s.leaf_index desc "
                + "fetch first 1 rows only", this::stored, coalitionId, leafIndex).stream().findFirst();
        return state.isEmpty() ? Optional.of(Progress.start(coalitionId)) : restore(state.get());
    }

    private Stored storedAt(String coalitionId, long leafIndex) {
        return jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s where s.coalition_id = ? "
                + "and s.leaf_index = ?", this::stored, coalitionId, leafIndex).get(0);
    }

    private void insert(String coalitionId, long leafIndex, Progress progress) {
        Instant coversUntil = coversUntil(progress);
        boolean withState = progress.leaves - progress.leavesAtLastState >= stateInterval;
        try {
            jdbc.update("insert into coalition_fold_snapshot (coalition_id, leaf_index, coalition_leaves, "
                            + "covers_until, state, head) values (?, ?, ?, ?, ?, ?)", coalitionId, leafIndex,
                    progress.leaves, OffsetDateTime.ofInstant(coversUntil, ZoneOffset.UTC),
                    withState ? write(progress.fold) : null, progress.head());
        } catch (DuplicateKeyException e) {
            return; // another node made the same snapshot, and listed its records, first
        }
        if (withState) {
            progress.leavesAtLastState = progress.leaves;
        }
        List<String> ids = progress.fold.recordIds();
        List<Object[]> unlisted = new ArrayList<>();
        for (String recordId : ids.subList(progress.listedRecords, ids.size())) {
            unlisted.add(new Object[] {coalitionId, recordId, leafIndex, coalitionId, recordId});
        }
        // Listed only if absent: after a snapshot without a head, every record is listed again from the start.
        jdbc.batchUpdate("insert into coalition_fold_record (coalition_id, record_id, leaf_index) select ?, ?, ? "
                + "where not exists (select 1 from coalition_fold_record r where r.coalition_id = ? and "
                + "r.record_id = ?)", unlisted);
        progress.listedRecords = ids.size();
    }

    /**
     * The time the snapshot covers, rounded up to the database's microseconds: "as recorded at T" may use it only if
     * no leaf in it counts as recorded after T.
     */
    private static Instant coversUntil(Progress progress) {
        if (progress.coversUntil == null) {
            return Instant.EPOCH;
        }
        Instant down = progress.coversUntil.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return down.equals(progress.coversUntil) ? down : down.plusNanos(1000);
    }

    static String write(CoalitionLedgerFold fold) {
        return JSON.writeValueAsString(fold.snapshot());
    }

    /**
     * Whether the fold's JSON is exactly {@code stored}, compared character by character as it is written: a large
     * coalition's JSON (tens of megabytes) is never held whole a second time.
     */
    static boolean writesAs(CoalitionLedgerFold fold, String stored) {
        SameText same = new SameText(stored);
        JSON.writeValue(same, fold.snapshot());
        return same.matchesWhole();
    }

    /** A writer that only compares what is written with an expected text. */
    static final class SameText extends java.io.Writer {

        private final String expected;
        private int position;
        private boolean differs;

        SameText(String expected) {
            this.expected = expected;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            if (differs) {
                return;
            }
            if (length > expected.length() - position) {
                differs = true;
                return;
            }
            for (int i = 0; i < length; i++) {
                if (expected.charAt(position + i) != chars[offset + i]) {
                    differs = true;
                    return;
                }
            }
            position += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        /** True when everything written was the expected text, all of it. */
        boolean matchesWhole() {
            return !differs && position == expected.length();
        }
    }

    // ------------------------------------------------------------------------------------------- verification

    /** The outcome of checking snapshots: how many were checked and what was wrong with them. */
    record Check(int checked, List<String> problems) {
    }

    /**
     * Checks each snapshot made at a leaf within {@code (afterLeafIndex, upToLeafIndex]} against the fold of the
     * coalition's leaves up to it, comparing the whole state (where stored), the head, the leaf count and the time
     * covered, and that every
     * record of a snapshot with a head is listed at or before it (a fold continued from the head relies on that list
     * to know a record was already counted; a listed record that is not held only costs a whole-state fold). Each
     * coalition's fold is carried from one of its snapshots to the next, so every leaf is folded once and a changed
     * snapshot is the only one reported; an incremental run starts from the stored snapshot before its first (or from
     * the first leaf). One coalition's fold in memory at a time.
     */
    Check check(long afterLeafIndex, long upToLeafIndex) {
        List<Map<String, Object>> keys = jdbc.queryForList("select s.coalition_id, s.leaf_index from "
                + "coalition_fold_snapshot s where s.leaf_index > ? and s.leaf_index <= ? "
                + "order by s.coalition_id, s.leaf_index", afterLeafIndex, upToLeafIndex);
        List<String> problems = new ArrayList<>();
        Progress progress = null;
        for (Map<String, Object> key : keys) {
            String coalitionId = (String) key.get("coalition_id");
            long leafIndex = ((Number) key.get("leaf_index")).longValue();
            String what = "fold snapshot of coalition " + coalitionId + " at leaf " + leafIndex;
            if (progress == null || !progress.fold().coalitionId().equals(coalitionId)) {
                Stored before = jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s where "
                        + "s.coalition_id = ? and s.state is not null and s.leaf_index <= ? order by s.leaf_index "
                        + "desc fetch first 1 rows only", this::stored, coalitionId, afterLeafIndex).stream()
                        .findFirst().orElse(null);
                progress = before == null ? Progress.start(coalitionId) : restore(before).orElse(null);
                if (progress == null) {
                    problems.add(what + " cannot be checked: the snapshot before it (at leaf " + before.leafIndex()
                            + ") cannot be read");
                    continue;
                }
            }
            try {
                LoggedHistoryStore.forEachEntryAfter(store, coalitionId, progress.lastLeafIndex, null, leafIndex + 1,
                        RowsRead.Read.SNAPSHOT_FOLDS, progress::take);
            } catch (IllegalArgumentException e) {
                progress = null; // an unreadable event is named by the leaf checks; nothing more is folded past it
                continue;
            }
            Stored snapshot = storedAt(coalitionId, leafIndex);
            boolean stateDiffers = snapshot.state() != null && !writesAs(progress.fold, snapshot.state());
            if (stateDiffers || progress.leaves != snapshot.coalitionLeaves()
                    || !coversUntil(progress).equals(snapshot.coversUntil())) {
                problems.add(what + " differs from the fold of the coalition's leaves up to it: the snapshot was "
                        + "changed (views as recorded at or as of a checkpoint after it would be wrong)");
            }
            String head = progress.head();
            if (snapshot.head() != null && !snapshot.head().equals(head)) {
                problems.add(what + " has a head that differs from the fold of the coalition's leaves up to it: the "
                        + "head was changed (views as recorded at or as of a checkpoint after it would be wrong)");
            }
            if (snapshot.head() != null) {
                List<String> ids = progress.fold.recordIds();
                List<String> due = ids.subList(progress.listedRecords, ids.size());
                Set<String> listed = listed(coalitionId, leafIndex, due);
                List<String> unlisted = due.stream().filter(id -> !listed.contains(id)).toList();
                if (!unlisted.isEmpty()) {
                    problems.add(what + " holds " + unlisted.size() + " record(s) not listed in coalition_fold_record "
                            + "at or before it, first " + unlisted.get(0) + ": the list was changed (a record "
                            + "recorded again after the snapshot would be counted twice)");
                }
                progress.listedRecords = ids.size();
            }
        }
        return new Check(keys.size(), problems);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
