package org.coalitionledger.bench;

import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.StoredFormat;

import javax.sql.DataSource;
import java.sql.Connection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The physical limits a figure is compared with, measured through the application's own connection pool in the
 * same run: raw JDBC inserts of rows shaped like {@code domain_event_entry} into a scratch table, and a raw
 * sequential scan of {@code domain_event_entry} with the payloads deserialized in the stored format.
 */
final class Limits {

    static final String SCRATCH = "bench_scratch_event";
    private static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier, "
            + "sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data";

    private final DataSource dataSource;
    private final BenchDatabase database;

    Limits(DataSource dataSource, BenchDatabase database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** A stored event from the middle of the store: the shape and size the scratch rows copy. */
    StoredEvent sampleRow() throws SQLException {
        long recorded;
        try (var connection = dataSource.getConnection();
             var count = connection.prepareStatement(
                     "select count(*) from domain_event_entry where payload_type like '%RecordedEvent'");
             var rows = count.executeQuery()) {
            rows.next();
            recorded = rows.getLong(1);
        }
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select " + COLUMNS + " from domain_event_entry "
                     + "where payload_type like '%RecordedEvent' order by global_index offset ? rows "
                     + "fetch first 1 rows only")) {
            query.setLong(1, recorded / 2);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("the event store holds no recorded figures to copy");
                }
                return read(rows);
            }
        }
    }

    /**
     * Inserts {@code rows} rows, {@code rowsPerCommit} per transaction, into a freshly created scratch table; rows/s.
     * One row per commit is what a single command must at least cost; the batched rate is the table's ceiling.
     */
    double insertRate(StoredEvent shape, int rows, int rowsPerCommit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            recreateScratch(connection);
            String sql = "insert into " + SCRATCH + " (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            byte[] payload = shape.payload();
            byte[] metadata = shape.metadata();
            connection.setAutoCommit(rowsPerCommit == 1);
            long start = System.nanoTime();
            try (var insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < rows; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setString(3, shape.aggregateType());
                    insert.setString(4, "record:scratch-" + i);
                    insert.setLong(5, 0);
                    insert.setString(6, shape.payloadType());
                    insert.setString(7, shape.payloadRevision());
                    insert.setString(8, Instant.now().toString());
                    insert.setBytes(9, payload);
                    insert.setBytes(10, metadata);
                    if (rowsPerCommit == 1) {
                        insert.executeUpdate();
                    } else {
                        insert.addBatch();
                        if ((i + 1) % rowsPerCommit == 0 || i == rows - 1) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                }
            }
            double rate = rows / seconds(System.nanoTime() - start);
            connection.setAutoCommit(true);
            dropScratch(connection);
            return rate;
        }
    }

    /** Raw scan in global-index order, fetch size 1000, every payload deserialized; rows/s. */
    double scanRate(boolean fold) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams with a fetch size only inside a transaction; otherwise it reads the whole result.
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long count = 0;
            Map<String, CoalitionLedgerFold> folds = new HashMap<>();
            try (var query = connection.prepareStatement("select " + COLUMNS
                    + " from domain_event_entry order by global_index")) {
                query.setFetchSize(1000);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        StoredEvent event = read(rows);
                        if (fold) {
                            LedgerEntry entry = StoredFormat.ledgerEntry(event);
                            String coalitionId = CoalitionIds.of(entry.payload()).orElse(null);
                            if (coalitionId != null) {
                                folds.computeIfAbsent(coalitionId, CoalitionLedgerFold::new).apply(entry);
                            }
                        } else if (StoredFormat.payload(event) == null) {
                            throw new IllegalStateException("event " + event.eventId() + " read as null");
                        }
                        count++;
                    }
                }
            }
            double rate = count / seconds(System.nanoTime() - start);
            connection.commit();
            return rate;
        }
    }

    /**
     * Raw scan in global-index order, fetch size 1000, with a SHA-256 over every row's stored payload and metadata:
     * the least that checking every leaf of the log costs; rows/s.
     */
    double scanHashRate() throws SQLException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long count = 0;
            byte[] last = null;
            try (var query = connection.prepareStatement("select " + COLUMNS
                    + " from domain_event_entry order by global_index")) {
                query.setFetchSize(1000);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        StoredEvent event = read(rows);
                        sha256.update(event.payload());
                        sha256.update(event.metadata());
                        last = sha256.digest();
                        count++;
                    }
                }
            }
            double rate = count / seconds(System.nanoTime() - start);
            connection.commit();
            if (count > 0 && last.length != 32) {
                throw new IllegalStateException("not a SHA-256 digest");
            }
            return rate;
        }
    }

    long eventCount() throws SQLException {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select count(*) from domain_event_entry");
             var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void recreateScratch(Connection connection) throws SQLException {
        dropScratch(connection);
        String binary = database.binaryType();
        try (var statement = connection.createStatement()) {
            // The columns, keys and unique constraints of domain_event_entry (V1 migration).
            statement.execute("create table " + SCRATCH + " (global_index bigint not null, "
                    + "sequence_number bigint not null, aggregate_identifier varchar(255) not null, "
                    + "event_identifier varchar(255) not null unique, payload_revision varchar(255), "
                    + "payload_type varchar(255) not null, time_stamp varchar(255) not null, type varchar(255), "
                    + "meta_data " + binary + ", payload " + binary + " not null, primary key (global_index), "
                    + "unique (aggregate_identifier, sequence_number))");
        }
    }

    private static void dropScratch(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (var statement = connection.createStatement()) {
            statement.execute("drop table if exists " + SCRATCH);
        }
        if (!autoCommit) {
            connection.commit();
        }
    }

    private static StoredEvent read(java.sql.ResultSet rows) throws SQLException {
        byte[] metadata = rows.getBytes(10);
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getLong(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getBytes(9),
                metadata == null ? new byte[0] : metadata);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
