package org.coalitionledger.log;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldHead;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementView;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshots of each coalition's fold over its logged events, so the views as recorded at an instant and as of a
 * checkpoint fold only the coalition's leaves after the nearest one ({@link LoggedHistoryStore}). After every
 * {@code coalition.audit.fold-snapshot-interval} (100) leaves of a coalition a snapshot ({@code coalition_fold_snapshot})
 * stores the fold without its records, and its head ({@link FoldHead}: the year table per basis its records make, a
 * row per year). The records are kept apart, record by record: each record's state is stored at the first snapshot
 * that holds it and again at each snapshot where it changed ({@code coalition_fold_record_version}, with its place in
 * fold order), and each restatement with the snapshot that first holds it ({@code coalition_fold_restatement}); so
 * what a snapshot stores grows with the facts since the one before, not with the coalition, and a snapshot's whole
 * state is its row, each record's latest version at or before it and the restatements at or before it. A view other
 * than the restatement trail continues from the nearest head when the facts after it only add records the snapshot
 * does not hold ({@link #nearestHead}, {@link #holdsAny}); otherwise, and for the trail, the fold continues from the
 * nearest whole state ({@link #nearest}).
 *
 * <p>Written off the request path, by a background job on every node (the positions are fixed by the coalition's
 * leaves, so nodes write the same snapshots and the second insert is ignored). The job, and verification after the last
 * clean run, continue from a stored snapshot without reading its records ({@link #restoreLookingUp}). Snapshots are
 * derived data that whoever owns the database could change: each names the leaf it was made at, how many leaves it
 * folds and the latest time among them, and verification ({@link #check}) re-folds the leaves and compares every stored
 * part, so a changed, added or removed row is reported. One whose state cannot be read is passed over (the fold starts
 * from the one before, or from the first leaf).
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
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final AuditLogStore store;
    private final TransactionTemplate transactions;
    /** Coalition leaves between snapshots: what a view continued from one folds at most. */
    private final int interval;
    /** The coalition index rows below this leaf were looked at by an earlier run of {@link #writeDue}. */
    private final AtomicLong indexedBefore = new AtomicLong();

    FoldSnapshots(JdbcTemplate jdbc, AuditLogStore store, TransactionTemplate transactions,
            @Value("${coalition.audit.fold-snapshot-interval:100}") int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("coalition.audit.fold-snapshot-interval (" + interval + ") must be at "
                    + "least 1");
        }
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
        this.interval = interval;
    }

    /**
     * A stored snapshot: the fold of the coalition's leaves up to and including {@code leafIndex}; {@code state} (the
     * fold without its records) is null where only the head was read, {@code head} for a fold without its founding.
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
        /** How many of the fold's restatements are stored (with a snapshot at or before the fold's last). */
        private int storedRestatements;
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
            FoldHead head = continuesHead() ? sinceHead.head() : fold.head();
            sinceHead = CoalitionLedgerFold.continueFrom(head);
            return JSON.writeValueAsString(head);
        }

        /** Whether the next head can be made from the previous head and the leaves since. */
        private boolean continuesHead() {
            return sinceHead != null && sinceHead.answersWithoutEarlierRecords()
                    && sinceHead.recordCount() == fold.recordCount();
        }

        /**
         * Whether {@link #head} can be made: always for a fold that holds every record; for one looking up its records,
         * only from the previous head.
         */
        boolean canMakeHead() {
            return !fold.isFounded() || fold.holdsEveryRecord() || continuesHead();
        }

        /** The fold without its records, as stored. */
        String stateWithoutRecords() {
            return JSON.writeValueAsString(fold.snapshotWithoutRecords());
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * The fold to continue from for the coalition's view as recorded at {@code recordedAt} or as of tree size
     * {@code treeSize}: the latest snapshot wholly within it, restored whole, or an empty fold.
     */
    Progress nearest(String coalitionId, Instant recordedAt, Long treeSize) {
        // Newest first; one that cannot be read is passed over for the one before it.
        for (long below = Long.MAX_VALUE; ; ) {
            Optional<Stored> found = latestBelow(coalitionId, below, recordedAt, treeSize);
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

    /** The latest snapshot wholly within the bound, as {@link #nearest} chooses first; its records not read. */
    Optional<Stored> nearestStored(String coalitionId, Instant recordedAt, Long treeSize) {
        return latestBelow(coalitionId, Long.MAX_VALUE, recordedAt, treeSize);
    }

    private Optional<Stored> latestBelow(String coalitionId, long below, Instant recordedAt, Long treeSize) {
        return jdbc.query(latestWithin(COLUMNS, "s.leaf_index < ? and ", treeSize != null), this::stored,
                coalitionId, below, bound(recordedAt, treeSize)).stream().findFirst();
    }

    /**
     * The statement that finds a coalition's latest snapshot wholly within a bound: below a tree size, by leaf index,
     * or recorded by an instant, through the index by time (V92) — a snapshot's {@code covers_until} never decreases
     * with its leaf index, so the latest by time is the latest by leaf — reading the one row it returns, however many
     * snapshots came after the instant. Parameters: the coalition, those of {@code condition}, the bound.
     */
    static String latestWithin(String columns, String condition, boolean byTreeSize) {
        return "select " + columns + " from coalition_fold_snapshot s where s.coalition_id = ? and " + condition
                + (byTreeSize ? "s.leaf_index < ? order by s.leaf_index desc"
                : "s.covers_until <= ? order by s.covers_until desc, s.leaf_index desc") + " fetch first 1 rows only";
    }

    private static Object bound(Instant recordedAt, Long treeSize) {
        return treeSize != null ? treeSize : OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
    }

    /**
     * The snapshot's fold for the restatement trail alone ({@link CoalitionLedgerFold#restoreForTrail}): its state
     * without records, its restatements and the latest versions of only the given records. Empty, with a warning,
     * when any of it cannot be read.
     */
    Optional<CoalitionLedgerFold> restoreForTrail(Stored snapshot, java.util.Collection<String> recordIds) {
        try {
            FoldSnapshot withoutRecords = withoutRecords(snapshot);
            java.util.TreeMap<Integer, FoldSnapshot.RecordState> records = new java.util.TreeMap<>();
            List<String> ids = new ArrayList<>(recordIds);
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                List<Object> arguments = new ArrayList<>(List.of(snapshot.coalitionId(), snapshot.leafIndex(),
                        snapshot.coalitionId(), snapshot.leafIndex()));
                arguments.addAll(some);
                jdbc.query(latestVersionsStatement(some.size()), (java.sql.ResultSet rs) -> {
                    String state = rs.getString(2);
                    if (state != null) { // null: the snapshot does not hold that record
                        store.rowsRead().count(RowsRead.Read.FOLD_RECORDS);
                        records.putIfAbsent(rs.getInt(1), JSON.readValue(state, FoldSnapshot.RecordState.class));
                    }
                }, arguments.toArray());
            }
            List<RestatementView> trail = restatementsAt(snapshot.coalitionId(), snapshot.leafIndex());
            return Optional.of(CoalitionLedgerFold.restoreForTrail(withoutRecords.withRecords(
                    new ArrayList<>(records.values()), trail)));
        } catch (RuntimeException e) {
            log.warn("Fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The statement {@link #restoreForTrail} runs: for each of {@code ids} record ids, its place in fold order and its
     * latest state at or before a leaf, both null where the snapshot does not hold it. Parameters: the coalition and the
     * leaf, twice, then the ids. As in {@link #anyHeldStatement}, each record is looked up on the whole key by
     * subqueries of its own, so the plan cannot become a walk of every version the coalition stores.
     */
    static String latestVersionsStatement(int ids) {
        String latest = " from coalition_fold_record_version r where r.coalition_id = ? and r.record_id = ids.id "
                + "and r.leaf_index <= ? order by r.leaf_index desc fetch first 1 rows only)";
        return "select (select r.ordinal" + latest + " as ordinal, (select r.state" + latest + " as state from "
                + recordIdTable(ids);
    }

    private static FoldSnapshot withoutRecords(Stored snapshot) {
        FoldSnapshot withoutRecords = JSON.readValue(snapshot.state(), FoldSnapshot.class);
        if (!snapshot.coalitionId().equals(withoutRecords.coalitionId())) {
            throw new IllegalArgumentException("it holds coalition " + withoutRecords.coalitionId());
        }
        if (!withoutRecords.records().isEmpty() || !withoutRecords.restatements().isEmpty()) {
            throw new IllegalArgumentException("its state holds records, which are kept apart");
        }
        return withoutRecords;
    }

    /**
     * The snapshot's whole fold: its state without records, each record's latest version at or before it (in fold
     * order, every place filled) and the restatements at or before it (every place filled). Empty, with a warning,
     * when any of it cannot be read.
     */
    private Optional<Progress> restore(Stored snapshot) {
        try {
            FoldSnapshot withoutRecords = withoutRecords(snapshot);
            List<FoldSnapshot.RecordState> records = recordsAt(snapshot.coalitionId(), snapshot.leafIndex());
            List<RestatementView> trail = restatementsAt(snapshot.coalitionId(), snapshot.leafIndex());
            CoalitionLedgerFold fold = CoalitionLedgerFold.restore(withoutRecords.withRecords(records, trail));
            var progress = new Progress(fold, snapshot.coalitionLeaves(), snapshot.leafIndex(),
                    snapshot.coversUntil());
            progress.storedRestatements = trail.size();
            return Optional.of(progress);
        } catch (RuntimeException e) {
            log.warn("Fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The snapshot's fold without reading its records ({@link CoalitionLedgerFold#restoreLookingUp}): its state
     * without records, the number of its records and restatements, each record looked up when a later leaf names it,
     * and a head continued from its own. What it costs follows the leaves folded into it, not the coalition: the way
     * to the next snapshot where the facts since only add records or restate records added since
     * ({@link Progress#canMakeHead}); else {@link #foldTo} restores the whole fold. Empty, with a warning, when the
     * snapshot cannot be read.
     */
    private Optional<Progress> restoreLookingUp(Stored snapshot) {
        try {
            FoldSnapshot withoutRecords = withoutRecords(snapshot);
            FoldHead head = snapshot.head() == null ? null : head(snapshot);
            String coalitionId = snapshot.coalitionId();
            long leafIndex = snapshot.leafIndex();
            int restatements = nextOrdinal("select r.ordinal from coalition_fold_restatement r where "
                    + "r.coalition_id = ? and r.leaf_index <= ? order by r.ordinal desc fetch first 1 rows only",
                    coalitionId, leafIndex);
            int records = nextOrdinal("select r.ordinal from coalition_fold_record_version r where "
                    + "r.coalition_id = ? and r.leaf_index <= ? order by r.ordinal desc fetch first 1 rows only",
                    coalitionId, leafIndex);
            CoalitionLedgerFold fold = CoalitionLedgerFold.restoreLookingUp(withoutRecords, records, restatements,
                    recordId -> recordAt(coalitionId, recordId, leafIndex, records));
            var progress = new Progress(fold, snapshot.coalitionLeaves(), leafIndex, snapshot.coversUntil());
            progress.storedRestatements = restatements;
            progress.sinceHead = head == null ? null : CoalitionLedgerFold.continueFrom(head);
            return Optional.of(progress);
        } catch (RuntimeException e) {
            log.warn("Fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    /** One past the highest place a query on a coalition and a leaf finds (the first row's), 0 for none. */
    private int nextOrdinal(String sql, String coalitionId, long leafIndex) {
        List<Integer> highest = jdbc.queryForList(sql, Integer.class, coalitionId, leafIndex);
        store.rowsRead().count(RowsRead.Read.FOLD_RECORDS, highest.size());
        return highest.isEmpty() ? 0 : highest.get(0) + 1;
    }

    /**
     * A record's latest version at or before the snapshot at {@code leafIndex}, with its place (below
     * {@code records}); null for a record not recorded by then. A version that cannot be read, or holds another
     * record or a place out of range, fails the fold ({@link RecordUnreadable}).
     */
    private FoldSnapshot.NumberedRecord recordAt(String coalitionId, String recordId, long leafIndex, int records) {
        try {
            List<FoldSnapshot.NumberedRecord> found = jdbc.query("select r.ordinal, r.state from "
                    + "coalition_fold_record_version r where r.coalition_id = ? and r.record_id = ? and "
                    + "r.leaf_index <= ? order by r.leaf_index desc fetch first 1 rows only", (rs, row) -> {
                        store.rowsRead().count(RowsRead.Read.FOLD_RECORDS);
                        return new FoldSnapshot.NumberedRecord(rs.getInt(1), JSON.readValue(rs.getString(2),
                                FoldSnapshot.RecordState.class));
                    }, coalitionId, recordId, leafIndex);
            if (found.isEmpty()) {
                return null;
            }
            FoldSnapshot.NumberedRecord record = found.get(0);
            if (!recordId.equals(record.state().recordId()) || record.ordinal() < 0 || record.ordinal() >= records) {
                throw new IllegalArgumentException("its version holds record " + record.state().recordId()
                        + " at place " + record.ordinal() + " of " + records);
            }
            return record;
        } catch (RuntimeException e) {
            throw new RecordUnreadable("record " + recordId + " of the fold snapshot of coalition " + coalitionId
                    + " at leaf " + leafIndex + " cannot be read: " + e.getMessage());
        }
    }

    /** A record version looked up by a fold cannot be read: the fold is restored whole instead, or not at all. */
    private static final class RecordUnreadable extends RuntimeException {
        RecordUnreadable(String message) {
            super(message);
        }
    }

    /**
     * Folds the coalition's leaves after the progress's last one up to and including {@code leafIndex}. A fold
     * looking up its records that cannot make the head there (a fact since needs the records the previous head
     * summed up) or cannot read a record is dropped for the whole fold restored at the same snapshot, which folds the
     * leaves again; null when that one cannot be read either. An unreadable event fails it
     * ({@link IllegalArgumentException}).
     */
    private Progress foldTo(String coalitionId, Progress progress, long leafIndex) {
        long previous = progress.lastLeafIndex();
        if (!progress.fold().holdsEveryRecord()) {
            try {
                LoggedHistoryStore.forEachEntryAfter(store, coalitionId, previous, null, leafIndex + 1,
                        RowsRead.Read.SNAPSHOT_FOLDS, progress::take);
                if (progress.canMakeHead()) {
                    return progress;
                }
            } catch (RecordUnreadable e) {
                log.warn("Folding coalition {} from its snapshot at leaf {} looking up records failed, restored "
                        + "whole: {}", coalitionId, previous, e.getMessage());
            }
            progress = restore(storedAt(coalitionId, previous)).orElse(null);
            if (progress == null) {
                return null;
            }
        }
        LoggedHistoryStore.forEachEntryAfter(store, coalitionId, previous, null, leafIndex + 1,
                RowsRead.Read.SNAPSHOT_FOLDS, progress::take);
        return progress;
    }

    /** Each of the coalition's records as of the snapshot at {@code leafIndex}: its latest version there, in order. */
    private List<FoldSnapshot.RecordState> recordsAt(String coalitionId, long leafIndex) {
        List<FoldSnapshot.RecordState> records = new ArrayList<>();
        forEachRow("select r.ordinal, r.state from coalition_fold_record_version r where r.coalition_id = ? "
                + "and r.leaf_index <= ? order by r.ordinal, r.leaf_index desc", coalitionId, leafIndex, rs -> {
                    int ordinal = rs.getInt(1);
                    if (ordinal == records.size() - 1) {
                        return; // an earlier version of the record just taken
                    }
                    if (ordinal != records.size()) {
                        throw new IllegalArgumentException("no record version at place " + records.size());
                    }
                    records.add(JSON.readValue(rs.getString(2), FoldSnapshot.RecordState.class));
                });
        return records;
    }

    /** The coalition's restatements stored with the snapshot at {@code leafIndex} or before, in order. */
    private List<RestatementView> restatementsAt(String coalitionId, long leafIndex) {
        List<RestatementView> trail = new ArrayList<>();
        forEachRow("select r.ordinal, r.restatement from coalition_fold_restatement r where r.coalition_id = ? "
                + "and r.leaf_index <= ? order by r.ordinal", coalitionId, leafIndex, rs -> {
                    if (rs.getInt(1) != trail.size()) {
                        throw new IllegalArgumentException("no restatement at place " + trail.size());
                    }
                    trail.add(JSON.readValue(rs.getString(2), RestatementView.class));
                });
        return trail;
    }

    @FunctionalInterface
    private interface Row {
        void accept(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Streams the rows of a query on a coalition and a leaf (a fetch size, so a large coalition is not held twice). */
    private void forEachRow(String sql, String coalitionId, long leafIndex, Row row) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                    java.sql.ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, coalitionId);
            statement.setLong(2, leafIndex);
            return statement;
        }, (java.sql.ResultSet rs) -> {
            while (rs.next()) {
                store.rowsRead().count(RowsRead.Read.FOLD_RECORDS);
                row.accept(rs);
            }
            return null;
        });
    }

    /**
     * A fold continued from the head of the latest snapshot wholly within the bound (as {@link #nearest} chooses),
     * reading neither its records nor any other snapshot; empty when there is no such snapshot or it has no
     * readable head.
     */
    Optional<Progress> nearestHead(String coalitionId, Instant recordedAt, Long treeSize) {
        Optional<Stored> found = jdbc.query(latestWithin(KEY_COLUMNS + ", s.head", "", treeSize != null),
                this::storedHead, coalitionId, bound(recordedAt, treeSize)).stream().findFirst();
        if (found.isEmpty() || found.get().head() == null) {
            return Optional.empty();
        }
        Stored snapshot = found.get();
        try {
            return Optional.of(new Progress(CoalitionLedgerFold.continueFrom(head(snapshot)),
                    snapshot.coalitionLeaves(), snapshot.leafIndex(), snapshot.coversUntil()));
        } catch (RuntimeException e) {
            log.warn("Head of the fold snapshot of coalition {} at leaf {} cannot be read, passed over: {}",
                    snapshot.coalitionId(), snapshot.leafIndex(), e.getMessage());
            return Optional.empty();
        }
    }

    private static FoldHead head(Stored snapshot) {
        FoldHead head = JSON.readValue(snapshot.head(), FoldHead.class);
        if (!snapshot.coalitionId().equals(head.coalitionId())) {
            throw new IllegalArgumentException("its head holds coalition " + head.coalitionId());
        }
        return head;
    }

    /**
     * Whether any of {@code recordIds} is among the records of the coalition's snapshot at {@code leafIndex}: one
     * primary-key probe per record ({@link #anyHeldStatement}), so the cost follows the records asked about, never the
     * coalition's.
     */
    boolean holdsAny(String coalitionId, long leafIndex, List<String> recordIds) {
        for (int from = 0; from < recordIds.size(); from += IDS_PER_QUERY) {
            List<String> ids = recordIds.subList(from, Math.min(recordIds.size(), from + IDS_PER_QUERY));
            List<Object> arguments = new ArrayList<>(ids);
            arguments.add(coalitionId);
            arguments.add(leafIndex);
            if (!jdbc.queryForList(anyHeldStatement(ids.size()), String.class, arguments.toArray()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The statement {@link #holdsAny} runs: the first of {@code ids} record ids (the parameters, then the coalition and
     * the leaf) with a version at or before the leaf. Each id is looked up by a subquery of its own on the whole key,
     * which the planner cannot merge into a scan: written as {@code record_id in (...)}, PostgreSQL could plan it as a
     * walk of every version the coalition stores up to the leaf, through its index by leaf (the prepared statement's
     * generic plan does; so did a plan for the values, under the statistics a benchmark run left), a cost that grows
     * with the coalition.
     */
    static String anyHeldStatement(int ids) {
        return "select ids.id from " + recordIdTable(ids) + " "
                + "where (select r.leaf_index from coalition_fold_record_version r where r.coalition_id = ? "
                + "and r.record_id = ids.id and r.leaf_index <= ? fetch first 1 rows only) is not null "
                + "fetch first 1 rows only";
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
     * Writes the coalition's due snapshots one transaction each, one after every {@link #interval} of its leaves. The
     * latest snapshot's whole fold is restored only when a snapshot is due and no fold was carried, and a fold just
     * written is carried on to the next snapshot instead of being read back.
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
                        + "offset " + (interval - 1) + " rows fetch next 1 rows only", Long.class, coalitionId,
                        after, treeSize);
                if (boundary.isEmpty()) {
                    return 0;
                }
                Progress progress = carried[0] != null && carried[0].lastLeafIndex() == after ? carried[0]
                        : after < 0 ? Progress.start(coalitionId)
                        : restoreLookingUp(storedAt(coalitionId, after)).orElse(null);
                carried[0] = null;
                long at = boundary.get(0);
                progress = progress == null ? null : foldTo(coalitionId, progress, at);
                if (progress == null) {
                    return 0; // an unreadable latest snapshot: verification reports it, nothing is built on it
                }
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

    private Stored storedAt(String coalitionId, long leafIndex) {
        return jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s where s.coalition_id = ? "
                + "and s.leaf_index = ?", this::stored, coalitionId, leafIndex).get(0);
    }

    /**
     * Stores the snapshot at {@code leafIndex}: the fold without its records and its head, the records changed since
     * the fold's previous snapshot and the restatements since.
     */
    private void insert(String coalitionId, long leafIndex, Progress progress) {
        Instant coversUntil = coversUntil(progress);
        List<FoldSnapshot.NumberedRecord> changed = progress.fold.takeChangedRecords();
        List<RestatementView> restatements = progress.fold.restatementsFrom(progress.storedRestatements);
        int firstRestatement = progress.storedRestatements;
        progress.storedRestatements += restatements.size();
        try {
            jdbc.update("insert into coalition_fold_snapshot (coalition_id, leaf_index, coalition_leaves, "
                            + "covers_until, state, head) values (?, ?, ?, ?, ?, ?)", coalitionId, leafIndex,
                    progress.leaves, OffsetDateTime.ofInstant(coversUntil, ZoneOffset.UTC),
                    progress.stateWithoutRecords(), progress.head());
        } catch (DuplicateKeyException e) {
            return; // another node made the same snapshot, with the same records, first
        }
        List<Object[]> versions = new ArrayList<>();
        for (FoldSnapshot.NumberedRecord record : changed) {
            versions.add(new Object[] {coalitionId, record.state().recordId(), leafIndex, record.ordinal(),
                    JSON.writeValueAsString(record.state())});
        }
        jdbc.batchUpdate("insert into coalition_fold_record_version (coalition_id, record_id, leaf_index, ordinal, "
                + "state) values (?, ?, ?, ?, ?)", versions);
        List<Object[]> trail = new ArrayList<>();
        for (int i = 0; i < restatements.size(); i++) {
            trail.add(new Object[] {coalitionId, firstRestatement + i, leafIndex,
                    JSON.writeValueAsString(restatements.get(i))});
        }
        jdbc.batchUpdate("insert into coalition_fold_restatement (coalition_id, ordinal, leaf_index, restatement) "
                + "values (?, ?, ?, ?)", trail);
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

    // ------------------------------------------------------------------------------------------- verification

    /** The outcome of checking snapshots: how many were checked and what was wrong with them. */
    record Check(int checked, List<String> problems) {
    }

    /**
     * Checks each snapshot made at a leaf within {@code (afterLeafIndex, upToLeafIndex]} against the fold of the
     * coalition's leaves up to it: its state without records, head, leaf count and time covered, and every record
     * version and restatement stored after the coalition's snapshot before it and up to it: each must be at this
     * snapshot, the record's (or restatement's) place and state in the fold, and every record changed since the
     * snapshot before must have its version here. A version stored at a leaf where the coalition has no snapshot is
     * reported with the next snapshot (until then no read uses it). Each coalition's fold is carried from one of its
     * snapshots to the next, so every leaf is folded once and a changed row is the only one reported; an incremental
     * run starts from the stored snapshot before its first (or from the first leaf), reading only the records the
     * leaves after it name where the heads allow ({@link #restoreLookingUp}), and does not look again at rows at or
     * before it: a full run does. One coalition's fold in memory at a time.
     */
    Check check(long afterLeafIndex, long upToLeafIndex) {
        List<Map<String, Object>> keys = jdbc.queryForList("select s.coalition_id, s.leaf_index from "
                + "coalition_fold_snapshot s where s.leaf_index > ? and s.leaf_index <= ? "
                + "order by s.coalition_id, s.leaf_index", afterLeafIndex, upToLeafIndex);
        List<String> problems = new ArrayList<>();
        Progress progress = null;
        String unreadable = null;
        for (Map<String, Object> key : keys) {
            String coalitionId = (String) key.get("coalition_id");
            long leafIndex = ((Number) key.get("leaf_index")).longValue();
            String what = "fold snapshot of coalition " + coalitionId + " at leaf " + leafIndex;
            if (coalitionId.equals(unreadable)) {
                continue; // an unreadable event (the leaf checks name it) or snapshot: nothing past it can be folded
            }
            if (progress == null || !progress.fold().coalitionId().equals(coalitionId)) {
                Stored before = jdbc.query("select " + COLUMNS + " from coalition_fold_snapshot s where "
                        + "s.coalition_id = ? and s.leaf_index <= ? order by s.leaf_index desc fetch first 1 rows "
                        + "only", this::stored, coalitionId, afterLeafIndex).stream().findFirst().orElse(null);
                progress = before == null ? Progress.start(coalitionId) : restoreLookingUp(before).orElse(null);
                if (progress == null) {
                    problems.add(what + " cannot be checked: the snapshot before it (at leaf " + before.leafIndex()
                            + ") cannot be read");
                    continue;
                }
            }
            long previous = progress.lastLeafIndex();
            try {
                progress = foldTo(coalitionId, progress, leafIndex);
            } catch (IllegalArgumentException e) {
                progress = null;
                unreadable = coalitionId;
                continue;
            }
            if (progress == null) {
                problems.add(what + " and the coalition's later ones cannot be checked: the snapshot before it (at "
                        + "leaf " + previous + ") cannot be read whole");
                unreadable = coalitionId;
                continue;
            }
            Stored snapshot = storedAt(coalitionId, leafIndex);
            if (!progress.stateWithoutRecords().equals(snapshot.state()) || progress.leaves != snapshot.coalitionLeaves()
                    || !coversUntil(progress).equals(snapshot.coversUntil())) {
                problems.add(what + " differs from the fold of the coalition's leaves up to it: the snapshot was "
                        + "changed (views as recorded at or as of a checkpoint after it would be wrong)");
            }
            String head = progress.head();
            if (!Objects.equals(snapshot.head(), head)) {
                problems.add(what + " has a head that differs from the fold of the coalition's leaves up to it: the "
                        + "head was changed (views as recorded at or as of a checkpoint after it would be wrong)");
            }
            checkRecordVersions(coalitionId, previous, leafIndex, progress, what, problems);
            checkRestatements(coalitionId, previous, leafIndex, progress, what, problems);
        }
        return new Check(keys.size(), problems);
    }

    /** The record versions stored in {@code (previous, leafIndex]}: exactly the fold's records changed since. */
    private void checkRecordVersions(String coalitionId, long previous, long leafIndex, Progress progress, String what,
            List<String> problems) {
        Map<String, FoldSnapshot.NumberedRecord> due = new java.util.LinkedHashMap<>();
        progress.fold.takeChangedRecords().forEach(record -> due.put(record.state().recordId(), record));
        List<String> wrong = new ArrayList<>();
        jdbc.query("select r.record_id, r.leaf_index, r.ordinal, r.state from coalition_fold_record_version r "
                + "where r.coalition_id = ? and r.leaf_index > ? and r.leaf_index <= ? order by r.leaf_index, "
                + "r.ordinal", (java.sql.ResultSet rs) -> {
                    String recordId = rs.getString(1);
                    if (rs.getLong(2) != leafIndex) {
                        wrong.add(recordId + " (at leaf " + rs.getLong(2) + ", where there is no snapshot)");
                        return;
                    }
                    FoldSnapshot.NumberedRecord expected = due.remove(recordId);
                    if (expected == null || expected.ordinal() != rs.getInt(3)
                            || !JSON.writeValueAsString(expected.state()).equals(rs.getString(4))) {
                        wrong.add(recordId);
                    }
                }, coalitionId, previous, leafIndex);
        if (!wrong.isEmpty()) {
            problems.add(what + " stores " + wrong.size() + " record version(s) that differ from the fold of the "
                    + "coalition's leaves up to it, first " + wrong.get(0) + ": a record version was changed or added "
                    + "(views folded from this snapshot or a later one would be wrong)");
        }
        if (!due.isEmpty()) {
            problems.add(what + " lacks the version of " + due.size() + " record(s) that changed up to it, first "
                    + due.keySet().iterator().next() + ": a record version was removed (a record recorded again "
                    + "after the snapshot would be counted twice, and its whole state cannot be read)");
        }
    }

    /** The restatements stored in {@code (previous, leafIndex]}: exactly the fold's restatements since, in order. */
    private void checkRestatements(String coalitionId, long previous, long leafIndex, Progress progress, String what,
            List<String> problems) {
        List<RestatementView> expected = progress.fold.restatementsFrom(progress.storedRestatements);
        List<Map<String, Object>> stored = jdbc.queryForList("select r.ordinal, r.leaf_index, r.restatement from "
                + "coalition_fold_restatement r where r.coalition_id = ? and r.leaf_index > ? and r.leaf_index <= ? "
                + "order by r.ordinal", coalitionId, previous, leafIndex);
        boolean same = stored.size() == expected.size();
        for (int i = 0; same && i < expected.size(); i++) {
            Map<String, Object> row = stored.get(i);
            same = ((Number) row.get("ordinal")).intValue() == progress.storedRestatements + i
                    && ((Number) row.get("leaf_index")).longValue() == leafIndex
                    && JSON.writeValueAsString(expected.get(i)).equals(row.get("restatement"));
        }
        if (!same) {
            problems.add(what + " stores restatements (" + stored.size() + ") that differ from those of the "
                    + "coalition's leaves since its snapshot before (" + expected.size() + "): the restatement trail "
                    + "was changed (the trail as recorded at or as of a checkpoint after it would be wrong)");
        }
        progress.storedRestatements += expected.size();
    }

    /** A table {@code ids(id)} of {@code count} record ids, the statement's parameters. */
    private static String recordIdTable(int count) {
        return "(values " + String.join(", ", Collections.nCopies(count, "(?)")) + ") as ids(id)";
    }
}
