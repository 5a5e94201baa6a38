package org.coalitionledger.log;

import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.StoredEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The log's tables ({@code audit_leaf}, {@code audit_leaf_coalition}, {@code audit_checkpoint},
 * {@code audit_signing_key}) and the event store's rows, read with plain JDBC: the log is computed from the rows
 * exactly as stored, never from what a framework makes of them. Long reads stream row by row.
 */
@Repository
public class AuditLogStore {

    /** Rows fetched per round trip by the streaming reads, so memory stays bounded however long the log. */
    private static final int FETCH_SIZE = 1000;

    private static final String EVENT_COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";
    private static final String LEAF_COLUMNS = "l.leaf_index, l.global_index as leaf_global_index, l.event_id, "
            + "l.leaf_version, l.logged_at, l.leaf_hash";
    /** A coalition's leaves after a leaf, through the coalition index; a bound follows. */
    private static final String COALITION_LEAVES = " from audit_leaf_coalition c join audit_leaf l on l.leaf_index = "
            + "c.leaf_index left join domain_event_entry e on e.event_identifier = l.event_id "
            + "where c.coalition_id = ? and c.leaf_index > ?";
    private static final String INDEX_COLUMNS = "c.leaf_index as indexed, c.coalition_id, "
            + "c.global_index as indexed_global_index";

    private static final RowMapper<StoredEvent> EVENT = (rs, i) -> storedEvent(rs);
    private static final RowMapper<LogLeaf> LEAF = (rs, i) -> leaf(rs);
    private static final RowMapper<IndexAndTime> INDEX_AND_TIME = (rs, i) -> new IndexAndTime(rs.getLong(1),
            rs.getString(2));
    private static final RowMapper<StoredCheckpoint> CHECKPOINT = (rs, i) -> new StoredCheckpoint(
            rs.getLong("tree_size"), rs.getBytes("root_hash"), rs.getString("note"),
            rs.getObject("signed_at", OffsetDateTime.class).toInstant());

    private final JdbcTemplate jdbc;
    private final AtomicLong streamedRows = new AtomicLong();

    AuditLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A leaf with the stored event it names (null when no row has that event id) and its coalition index row: whether
     * there is one, its coalition and the global index it gives (null on rows indexed before it carried one).
     */
    public record LoggedRow(LogLeaf leaf, StoredEvent event, boolean indexed, String coalitionId,
                            Long indexedGlobalIndex) {
    }

    private final RowsRead rowsRead = new RowsRead();

    /** Counts of the rows this store's reads have returned, by what they were read for. */
    public RowsRead rowsRead() {
        return rowsRead;
    }

    // ------------------------------------------------------------------------------------------ event store rows

    public Optional<StoredEvent> storedEvent(long globalIndex) {
        return jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry e where e.global_index = ?", EVENT,
                globalIndex).stream().findFirst();
    }

    public Optional<StoredEvent> storedEventById(String eventId) {
        return jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry e where e.event_identifier = ?", EVENT,
                eventId).stream().findFirst();
    }

    /** Rows in the event store with a global index from {@code from} (inclusive) to {@code to} (exclusive). */
    public long storedEventCount(long from, long to) {
        return jdbc.queryForObject("select count(*) from domain_event_entry e where e.global_index >= ? and "
                + "e.global_index < ?", Long.class, from, to);
    }

    /**
     * Stored events no leaf names, by global index, from {@code fromGlobalIndex} on: the events the log has not
     * taken (yet). Rows are counted as read for {@code countAs}.
     */
    public void forEachUnloggedEvent(long fromGlobalIndex, RowsRead.Read countAs, Consumer<StoredEvent> action) {
        stream("select " + EVENT_COLUMNS + " from domain_event_entry e where e.global_index >= ? and not exists "
                + "(select 1 from audit_leaf l where l.event_id = e.event_identifier) order by e.global_index",
                rs -> {
                    rowsRead.count(countAs);
                    action.accept(storedEvent(rs));
                }, fromGlobalIndex);
    }

    /**
     * Stored events within global indexes {@code [from, to)} that no leaf holds, neither at their global index nor by
     * their id, in global-index order: what the sweep appends. Its rows are counted as {@code SWEPT_EVENTS}.
     */
    public void forEachUnsweptEvent(long from, long to, Consumer<StoredEvent> action) {
        List<StoredEvent> unswept = new java.util.ArrayList<>();
        stream(UNSWEPT_EVENTS, rs -> {
            rowsRead.count(RowsRead.Read.SWEPT_EVENTS);
            unswept.add(storedEvent(rs));
        }, from, to);
        // An event whose id a leaf names at another global index (a row moved) is logged, not swept.
        unswept.stream().filter(event -> leafOfEvent(event.eventId()).isEmpty()).forEach(action);
    }

    /**
     * The statement of {@link #forEachUnsweptEvent}. Each event's leaf is looked up by its global index (unique, as the
     * event's), one probe per event of the window: the sweep runs every few seconds, and matched by event id with
     * {@code not exists}, PostgreSQL may hash every leaf ever logged each time (it did on a ledger of 100,000 events).
     */
    public static final String UNSWEPT_EVENTS = "select " + EVENT_COLUMNS + " from domain_event_entry e "
            + "where e.global_index >= ? and e.global_index < ? and (select g.leaf_index from audit_leaf g "
            + "where g.global_index = e.global_index) is null order by e.global_index";

    private static StoredEvent storedEvent(ResultSet rs) throws SQLException {
        byte[] metadata = rs.getBytes("meta_data");
        // Axon always writes metadata; a null column is encoded as empty metadata (documented in audit-format.md).
        return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("type"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                metadata == null ? new byte[0] : metadata);
    }

    // ------------------------------------------------------------------------------------------------- leaves

    public Optional<LogLeaf> leafOfEvent(String eventId) {
        return jdbc.query("select " + LEAF_COLUMNS + " from audit_leaf l where l.event_id = ?", LEAF, eventId)
                .stream().findFirst();
    }

    public long leafCount() {
        return jdbc.queryForObject("select count(*) from audit_leaf", Long.class);
    }

    /** The next leaf's index, the last leaf's log time (null if none or v1) and the highest logged global index. */
    public record Head(long nextLeafIndex, Instant lastLoggedAt, long maxGlobalIndex) {
    }

    public Head head() {
        return jdbc.query("select l.leaf_index, l.logged_at, (select max(global_index) from audit_leaf) as max_global "
                + "from audit_leaf l order by l.leaf_index desc fetch first 1 rows only", (rs, i) -> {
                    OffsetDateTime loggedAt = rs.getObject("logged_at", OffsetDateTime.class);
                    return new Head(rs.getLong("leaf_index") + 1, loggedAt == null ? null : loggedAt.toInstant(),
                            rs.getLong("max_global"));
                }).stream().findFirst().orElse(new Head(0, null, 0));
    }

    /** Appends a leaf and its coalition index row (in the caller's transaction). */
    public void appendLeaf(LogLeaf leaf, String coalitionId) {
        jdbc.update("insert into audit_leaf (leaf_index, global_index, event_id, leaf_hash, leaf_version, logged_at) "
                        + "values (?, ?, ?, ?, ?, ?)", leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(),
                leaf.leafHash(), leaf.version(), leaf.loggedAt() == null ? null
                        : OffsetDateTime.ofInstant(LogTime.parse(leaf.loggedAt()), ZoneOffset.UTC));
        indexLeaf(leaf, coalitionId);
    }

    /** Leaves without a coalition index row (logged before the index existed), oldest first. */
    public List<LogLeaf> unindexedLeaves(int max) {
        return jdbc.query("select " + LEAF_COLUMNS + " from audit_leaf l where not exists (select 1 from "
                + "audit_leaf_coalition c where c.leaf_index = l.leaf_index) order by l.leaf_index fetch first "
                + max + " rows only", LEAF);
    }

    public void indexLeaf(LogLeaf leaf, String coalitionId) {
        jdbc.update("insert into audit_leaf_coalition (leaf_index, coalition_id, global_index) values (?, ?, ?)",
                leaf.leafIndex(), coalitionId, leaf.globalIndex());
    }

    /** The leaf hashes of leaves {@code [start, end)} in leaf order. */
    public List<byte[]> leafHashes(long start, long end) {
        return jdbc.queryForList("select leaf_hash from audit_leaf where leaf_index >= ? and leaf_index < ? "
                + "order by leaf_index", byte[].class, start, end);
    }

    /** Leaves {@code [start, end)} in leaf order. */
    public List<LogLeaf> leaves(long start, long end) {
        return jdbc.query("select " + LEAF_COLUMNS + " from audit_leaf l where l.leaf_index >= ? and l.leaf_index < ? "
                + "order by l.leaf_index", LEAF, start, end);
    }

    /**
     * Leaves {@code [start, end)} in leaf order, each with the stored event its id names and its index row, one at a
     * time.
     */
    public void forEachLoggedRow(long start, long end, Consumer<LoggedRow> action) {
        stream(LOGGED_ROWS, rs -> {
            rowsRead.count(RowsRead.Read.LOG);
            action.accept(loggedRow(rs));
        }, start, end);
    }

    /**
     * The statement of {@link #forEachLoggedRow}, its parameters the range. Each leaf's index row is looked up by its
     * key, one probe per column: joined, PostgreSQL with the tables' statistics hashes the whole coalition index for a
     * range of a thousand leaves (an incremental verification, a bundle from a checkpoint), a cost that grows with the
     * log, and with the range also put on the index its generic plan scans that range again for every leaf.
     */
    public static final String LOGGED_ROWS = "select " + LEAF_COLUMNS + ", " + EVENT_COLUMNS + ", "
            + indexColumn("leaf_index", "indexed") + ", " + indexColumn("coalition_id", "coalition_id") + ", "
            + indexColumn("global_index", "indexed_global_index")
            + " from audit_leaf l left join domain_event_entry e on e.event_identifier = l.event_id "
            + "where l.leaf_index >= ? and l.leaf_index < ? order by l.leaf_index";

    private static String indexColumn(String column, String as) {
        return "(select c." + column + " from audit_leaf_coalition c where c.leaf_index = l.leaf_index) as " + as;
    }

    /**
     * One coalition's logged events in leaf order, through the coalition index, after leaf {@code afterLeafIndex}
     * (-1 for all): leaves below {@code treeSize} when it is given, else leaves logged at or before
     * {@code loggedAtOrBefore} (v1 leaves, which have no log time, are passed on for the caller to judge by their
     * record time). Rows are counted as read for {@code countAs}.
     */
    public void forEachCoalitionRow(String coalitionId, long afterLeafIndex, Long treeSize, Instant loggedAtOrBefore,
            RowsRead.Read countAs, Consumer<LoggedRow> action) {
        // Either bound is put on the coalition index's own column, so the index scan stops there instead of running
        // through the coalition's later leaves: a tree size directly; an instant as the first leaf logged after it
        // (log times never go back, so the leaves logged at or before it are those below that leaf; one probe of
        // the log-time index), the log-time filter kept for leaves without a log time.
        if (treeSize != null) {
            stream("select " + LEAF_COLUMNS + ", " + EVENT_COLUMNS + ", " + INDEX_COLUMNS + COALITION_LEAVES
                    + " and c.leaf_index < ? order by c.leaf_index", rs -> {
                        rowsRead.count(countAs);
                        action.accept(loggedRow(rs));
                    }, coalitionId, afterLeafIndex, treeSize);
            return;
        }
        OffsetDateTime loggedAt = OffsetDateTime.ofInstant(loggedAtOrBefore, ZoneOffset.UTC);
        stream("select " + LEAF_COLUMNS + ", " + EVENT_COLUMNS + ", " + INDEX_COLUMNS + COALITION_LEAVES
                + " and c.leaf_index < coalesce((select f.leaf_index from audit_leaf f where f.logged_at > ? "
                + "order by f.logged_at, f.leaf_index fetch first 1 rows only), " + Long.MAX_VALUE + ") "
                + "and (l.logged_at <= ? or l.logged_at is null) order by c.leaf_index", rs -> {
                    rowsRead.count(countAs);
                    action.accept(loggedRow(rs));
                }, coalitionId, afterLeafIndex, loggedAt, loggedAt);
    }

    /** Whether any leaf is indexed under the coalition: one probe of the coalition index. */
    public boolean hasCoalition(String coalitionId) {
        return !jdbc.queryForList("select c.leaf_index from audit_leaf_coalition c where c.coalition_id = ? "
                + "fetch first 1 rows only", Long.class, coalitionId).isEmpty();
    }

    /**
     * Up to {@code max} of the coalition's logged events within global indexes {@code (afterGlobalIndex,
     * upToGlobalIndex]}, in global-index order, through the coalition index (which stops after them).
     */
    public List<StoredEvent> coalitionEvents(String coalitionId, long afterGlobalIndex, long upToGlobalIndex,
            int max) {
        List<StoredEvent> events = jdbc.query(coalitionEventsStatement(max), EVENT, coalitionId, afterGlobalIndex,
                upToGlobalIndex);
        rowsRead.count(RowsRead.Read.EVENT_HISTORY, events.size());
        return events;
    }

    /**
     * The page is taken from the coalition index first and only then joined to the events: with the tables'
     * statistics, PostgreSQL plans a join limited as a whole as a merge join that walks the event table from its
     * first row up to the page.
     */
    static String coalitionEventsStatement(int max) {
        return "select " + EVENT_COLUMNS + " from (select p.global_index from audit_leaf_coalition p "
                + "where p.coalition_id = ? and p.global_index > ? and p.global_index <= ? "
                + "order by p.global_index fetch first " + max + " rows only) c "
                + "join domain_event_entry e on e.global_index = c.global_index order by c.global_index";
    }

    /**
     * Up to {@code max} stored events after global index {@code afterGlobalIndex}, in global-index order: a bounded
     * stretch of the store's tail that the log has not reached yet.
     */
    public List<StoredEvent> eventsAfter(long afterGlobalIndex, int max) {
        List<StoredEvent> events = jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry e "
                + "where e.global_index > ? order by e.global_index fetch first " + max + " rows only", EVENT,
                afterGlobalIndex);
        rowsRead.count(RowsRead.Read.EVENT_HISTORY, events.size());
        return events;
    }

    /**
     * Up to {@code max} administrative acts (streams whose id starts with {@code admin:}) after global index
     * {@code afterGlobalIndex}, in global-index order, through the store's index of such acts (which stops after
     * them).
     */
    public List<StoredEvent> administrativeEvents(long afterGlobalIndex, int max) {
        List<StoredEvent> events = jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry e "
                + "where e.administrative_index > ? order by e.administrative_index fetch first " + max
                + " rows only", EVENT, afterGlobalIndex);
        rowsRead.count(RowsRead.Read.EVENT_HISTORY, events.size());
        return events;
    }

    /**
     * The lowest global index in {@code (afterGlobalIndex, upToGlobalIndex]} that no stored event holds while a later
     * one, stored within {@code delay} of {@code now}, does: a write that took its index before others and has not
     * committed yet (or rolled back, which a reader cannot tell apart until the delay has passed). A reader whose
     * cursor passed it would never see it commit. Empty when there is none.
     *
     * <p>Only the events stored within twice the delay are looked at: none when the last event up to
     * {@code upToGlobalIndex} is older (one row read), else those found by a binary search of the store's timestamps
     * along its index. So the cost grows with the recent writes, never with the store. Timestamps are taken as
     * rising with the global index, as writers set them; twice the delay absorbs their skew. An unreadable timestamp
     * counts as old. Rows read count as {@link RowsRead.Read#RECENT_WRITES}.
     */
    public OptionalLong unsettledGap(long afterGlobalIndex, long upToGlobalIndex, Instant now, Duration delay) {
        if (upToGlobalIndex <= afterGlobalIndex + 1) {
            return OptionalLong.empty();
        }
        Instant searched = now.minus(delay.multipliedBy(2));
        Instant young = now.minus(delay);
        List<IndexAndTime> last = jdbc.query("select global_index, time_stamp from domain_event_entry "
                + "where global_index > ? and global_index <= ? order by global_index desc fetch first 1 rows only",
                INDEX_AND_TIME, afterGlobalIndex, upToGlobalIndex);
        rowsRead.count(RowsRead.Read.RECENT_WRITES, last.size());
        if (last.isEmpty() || !last.get(0).storedAfter(searched)) {
            return OptionalLong.empty(); // a page of older events: nothing about it can still commit
        }
        // The first event stored after 'searched', by a binary search over the global index.
        Long firstRecent = null;
        long low = afterGlobalIndex + 1;
        long high = upToGlobalIndex;
        while (low <= high) {
            long middle = low + (high - low) / 2;
            List<IndexAndTime> first = jdbc.query("select global_index, time_stamp from domain_event_entry "
                    + "where global_index >= ? and global_index <= ? order by global_index fetch first 1 rows only",
                    INDEX_AND_TIME, middle, high);
            rowsRead.count(RowsRead.Read.RECENT_WRITES, first.size());
            if (first.isEmpty()) {
                high = middle - 1;
            } else if (first.get(0).storedAfter(searched)) {
                firstRecent = first.get(0).globalIndex();
                high = middle - 1;
            } else {
                low = first.get(0).globalIndex() + 1;
            }
        }
        if (firstRecent == null) {
            return OptionalLong.empty();
        }
        // An index is missing only between two stored events: below the first event ever stored, none is.
        Long before = jdbc.queryForObject("select max(global_index) from domain_event_entry where global_index < ?",
                Long.class, firstRecent);
        long from = before == null ? firstRecent - 1 : Math.max(before, afterGlobalIndex);
        Long stored = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ? "
                + "and global_index <= ?", Long.class, from, upToGlobalIndex);
        if (stored != null && stored == upToGlobalIndex - from) {
            return OptionalLong.empty(); // no index missing
        }
        List<IndexAndTime> recent = jdbc.query("select global_index, time_stamp from domain_event_entry "
                + "where global_index > ? and global_index <= ? order by global_index", INDEX_AND_TIME, from,
                upToGlobalIndex);
        rowsRead.count(RowsRead.Read.RECENT_WRITES, recent.size());
        long expected = from + 1;
        for (IndexAndTime row : recent) {
            if (row.globalIndex() > expected && row.storedAfter(young)) {
                return OptionalLong.of(expected);
            }
            expected = row.globalIndex() + 1;
        }
        return OptionalLong.empty();
    }

    private record IndexAndTime(long globalIndex, String timestamp) {

        boolean storedAfter(Instant instant) {
            try {
                return Instant.parse(timestamp).isAfter(instant);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** The highest global index the log holds (-1 when empty): one probe of the unique index. */
    public long maxLoggedGlobalIndex() {
        Long max = jdbc.queryForObject("select max(global_index) from audit_leaf", Long.class);
        return max == null ? -1 : max;
    }

    private static LogLeaf leaf(ResultSet rs) throws SQLException {
        OffsetDateTime loggedAt = rs.getObject("logged_at", OffsetDateTime.class);
        return new LogLeaf(rs.getLong("leaf_index"), rs.getLong("leaf_global_index"), rs.getString("event_id"),
                rs.getInt("leaf_version"), loggedAt == null ? null : LogTime.format(loggedAt.toInstant()),
                rs.getBytes("leaf_hash"));
    }

    private static LoggedRow loggedRow(ResultSet rs) throws SQLException {
        StoredEvent event = rs.getString("event_identifier") == null ? null : storedEvent(rs);
        rs.getLong("indexed");
        boolean indexed = !rs.wasNull();
        long globalIndex = rs.getLong("indexed_global_index");
        Long indexedGlobalIndex = rs.wasNull() ? null : globalIndex;
        return new LoggedRow(leaf(rs), event, indexed, rs.getString("coalition_id"), indexedGlobalIndex);
    }

    // -------------------------------------------------------------------------------------------- checkpoints

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbc.query("select * from audit_checkpoint order by tree_size desc fetch first 1 rows only",
                CHECKPOINT).stream().findFirst();
    }

    public Optional<StoredCheckpoint> checkpoint(long treeSize) {
        return jdbc.query("select * from audit_checkpoint where tree_size = ?", CHECKPOINT, treeSize).stream()
                .findFirst();
    }

    public long checkpointCount() {
        return jdbc.queryForObject("select count(*) from audit_checkpoint", Long.class);
    }

    /** Every checkpoint of sizes within {@code [minTreeSize, maxTreeSize]}, oldest first. */
    public List<StoredCheckpoint> checkpoints(long minTreeSize, long maxTreeSize) {
        return jdbc.query("select * from audit_checkpoint where tree_size >= ? and tree_size <= ? order by tree_size",
                CHECKPOINT, minTreeSize, maxTreeSize);
    }

    /** Stores a checkpoint; false when one of that size exists already (another node signed it first). */
    public boolean insertCheckpoint(StoredCheckpoint checkpoint) {
        try {
            jdbc.update("insert into audit_checkpoint (tree_size, root_hash, note, signed_at) values (?, ?, ?, ?)",
                    checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.note(),
                    OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------- signing keys

    /** The key chain as stored, first key first. */
    public List<KeyChain.Link> keyChain() {
        return jdbc.query("select verifier_key, valid_from, introduction from audit_signing_key order by key_index",
                (rs, i) -> new KeyChain.Link(rs.getString("verifier_key"), rs.getLong("valid_from"),
                        rs.getString("introduction")));
    }

    /** Stores the chain's next key; false when a key of that index exists already (another node added it). */
    public boolean insertKey(int keyIndex, KeyChain.Link link, Instant createdAt) {
        try {
            jdbc.update("insert into audit_signing_key (key_index, verifier_key, valid_from, introduction, created_at) "
                            + "values (?, ?, ?, ?, ?)", keyIndex, link.verifierKey(), link.validFrom(),
                    link.introduction(), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Streams rows to {@code handler}, counting them; stops with a {@link java.util.concurrent.CancellationException}
     * at the next row once the request that runs it is cancelled ({@link ReadCancellation}).
     */
    private void stream(String sql, RowCallbackHandler handler, Object... arguments) {
        java.sql.Statement[] started = new java.sql.Statement[1];
        try {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < arguments.length; i++) {
                    statement.setObject(i + 1, arguments[i]);
                }
                started[0] = statement;
                ReadCancellation.started(statement);
                ReadCancellation.check();
                return statement;
            }, (RowCallbackHandler) rs -> {
                ReadCancellation.check();
                streamedRows.incrementAndGet();
                handler.processRow(rs);
            });
        } catch (DataAccessException e) {
            // A statement cancelled through JDBC fails with the database's own error: report it as the cancellation.
            ReadCancellation.check();
            throw e;
        } finally {
            ReadCancellation.finished(started[0]);
        }
    }

    /** Rows read by the streaming reads (leaves, coalition histories, verification, bundles) since start: a metric. */
    public long streamedRows() {
        return streamedRows.get();
    }

    /**
     * A signed checkpoint as stored.
     *
     * @param treeSize the checkpoint's tree size (one checkpoint per size: the log never signs two roots for one)
     * @param rootHash its root (a copy for queries; the signed note is what counts)
     * @param note     the signed note text, exactly as published
     * @param signedAt when this server signed it (not part of the signed text)
     */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant signedAt) {
    }
}
