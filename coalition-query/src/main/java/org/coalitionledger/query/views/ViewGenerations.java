package org.coalitionledger.query.views;

import org.coalitionledger.query.config.ProcessingGroups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Which copy of the coalition views partners read and which one the processor writes. Every view row carries a
 * generation. Normally the processor writes the published one. A rebuild (the projection's reset) opens the next
 * generation: the replay fills it while queries keep reading the published one, complete as it was before the
 * rebuild; once the replay has caught up ({@code ProjectionAdministration} watches it) the new generation is
 * published in one transaction and the old one deleted. Partners never see an empty or partial copy.
 */
@Component
public class ViewGenerations {

    static final String PROCESSOR = ProcessingGroups.COALITION_VIEWS;
    /** Every view table; each has a {@code generation} column. */
    private static final List<String> TABLES = List.of("coalition_view_founding", "coalition_view_stint",
            "coalition_view_goal", "coalition_view_record", "coalition_view_restatement");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate snapshot;

    @Autowired
    ViewGenerations(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
        // One snapshot of every table from the first read. PostgreSQL's repeatable read is that; H2's takes each
        // table's snapshot at its own first read, so a table first read after a switch-over committed would show the
        // old copy deleted. H2's serializable snapshots every table at the first read.
        this(jdbc, transactionManager, ViewChangeNotices.isPostgres(dataSource)
                ? TransactionDefinition.ISOLATION_REPEATABLE_READ : TransactionDefinition.ISOLATION_SERIALIZABLE);
    }

    /** @param snapshotIsolation the isolation level that gives {@link #readPublished} one snapshot */
    ViewGenerations(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, int snapshotIsolation) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(snapshotIsolation);
    }

    /** The generations as stored now. */
    public State state() {
        return jdbc.queryForObject("select published, building, rebuild_head from coalition_view_generation "
                        + "where processor_name = ?",
                (rs, n) -> new State(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        (Long) rs.getObject(3, Long.class)), PROCESSOR);
    }

    /**
     * Reads the published generation in one read-only snapshot of the database: a switch-over committing meanwhile
     * (which deletes the old generation) cannot leave a reader with part of a copy or none.
     *
     * @param read given the published generation's number
     */
    public <T> T readPublished(LongFunction<T> read) {
        return snapshot.execute(status -> read.apply(published()));
    }

    /** The generation queries read. */
    long published() {
        return jdbc.queryForObject("select published from coalition_view_generation where processor_name = ?",
                Long.class, PROCESSOR);
    }

    /**
     * Opens the next generation for a replay, emptied of whatever an interrupted earlier rebuild left in it. Runs in
     * the reset's transaction; the published generation stays as it is.
     */
    void startBuilding() {
        long next = published() + 1;
        for (String table : TABLES) {
            jdbc.update("delete from " + table + " where generation >= ?", next);
        }
        jdbc.update("update coalition_view_generation set building = ?, rebuild_head = null "
                + "where processor_name = ?", next, PROCESSOR);
    }

    /** Notes the event store's head when the rebuild started: the replay has caught up once it got there. */
    public void rebuildHead(long head) {
        jdbc.update("update coalition_view_generation set rebuild_head = ? where processor_name = ? "
                + "and building is not null", head, PROCESSOR);
    }

    /**
     * Publishes the generation a rebuild filled and deletes the older ones, in one transaction. Does nothing when
     * {@code building} is no longer the generation being built (a second rebuild started meanwhile).
     */
    public boolean publish(long building) {
        Boolean published = transaction.execute(status -> {
            int switched = jdbc.update("update coalition_view_generation set published = building, building = null, "
                    + "rebuild_head = null where processor_name = ? and building = ?", PROCESSOR, building);
            if (switched == 0) {
                return false;
            }
            for (String table : TABLES) {
                jdbc.update("delete from " + table + " where generation < ?", building);
            }
            return true;
        });
        return Boolean.TRUE.equals(published);
    }

    /**
     * @param published    the generation queries read
     * @param building     the generation a rebuild is filling, null when none is under way
     * @param rebuildHead  the event store's head (global index) when that rebuild started, null if not known
     */
    public record State(long published, Long building, Long rebuildHead) {

        /** The generation the processor writes. */
        long writing() {
            return building != null ? building : published;
        }
    }
}
