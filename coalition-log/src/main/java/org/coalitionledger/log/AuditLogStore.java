package org.coalitionledger.log;

import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.StoredEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The log's tables ({@code audit_leaf}, {@code audit_checkpoint}) and the event store's rows, read with plain JDBC:
 * the log is computed from the rows exactly as stored, never from what a framework makes of them.
 */
@Repository
public class AuditLogStore {

    private static final String EVENT_COLUMNS = "global_index, event_identifier, type, aggregate_identifier, "
            + "sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data";

    private static final RowMapper<StoredEvent> EVENT = (rs, i) -> storedEvent(rs);
    private static final RowMapper<LogLeaf> LEAF = (rs, i) -> new LogLeaf(rs.getLong("leaf_index"),
            rs.getLong("global_index"), rs.getString("event_id"), rs.getBytes("leaf_hash"));
    private static final RowMapper<StoredCheckpoint> CHECKPOINT = (rs, i) -> new StoredCheckpoint(
            rs.getLong("tree_size"), rs.getBytes("root_hash"), rs.getString("note"),
            rs.getObject("signed_at", OffsetDateTime.class).toInstant());

    private final JdbcTemplate jdbc;

    AuditLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------------------ event store rows

    public Optional<StoredEvent> storedEvent(long globalIndex) {
        return jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry where global_index = ?", EVENT,
                globalIndex).stream().findFirst();
    }

    public Optional<StoredEvent> storedEventById(String eventId) {
        return jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry where event_identifier = ?", EVENT,
                eventId).stream().findFirst();
    }

    /** Every stored event, in global-index order, one at a time (the store may be large). */
    public void forEachStoredEvent(Consumer<StoredEvent> action) {
        jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry order by global_index",
                (RowCallbackHandler) rs -> action.accept(storedEvent(rs)));
    }

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
        return jdbc.query("select * from audit_leaf where event_id = ?", LEAF, eventId).stream().findFirst();
    }

    public long leafCount() {
        return jdbc.queryForObject("select count(*) from audit_leaf", Long.class);
    }

    public long nextLeafIndex() {
        return jdbc.queryForObject("select coalesce(max(leaf_index) + 1, 0) from audit_leaf", Long.class);
    }

    public void appendLeaf(LogLeaf leaf) {
        jdbc.update("insert into audit_leaf (leaf_index, global_index, event_id, leaf_hash) values (?, ?, ?, ?)",
                leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(), leaf.leafHash());
    }

    /** Leaves {@code [start, end)} in leaf order. */
    public List<LogLeaf> leaves(long start, long end) {
        return jdbc.query("select * from audit_leaf where leaf_index >= ? and leaf_index < ? order by leaf_index",
                LEAF, start, end);
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

    /** Every checkpoint of at most {@code maxTreeSize} leaves, oldest first. */
    public List<StoredCheckpoint> checkpointsUpTo(long maxTreeSize) {
        return jdbc.query("select * from audit_checkpoint where tree_size <= ? order by tree_size", CHECKPOINT,
                maxTreeSize);
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

    /**
     * A signed checkpoint as stored.
     *
     * @param treeSize the checkpoint's tree size (one checkpoint per size: the log never signs two roots for one)
     * @param rootHash its root
     * @param note     the signed note text, exactly as published
     * @param signedAt when this server signed it (not part of the signed text)
     */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant signedAt) {
    }
}
