package org.coalitionledger.log;

import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.coalitionledger.support.PlannedRows;
import org.coalitionledger.support.SchemaOwner;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CoalitionAccessPathsContract} on PostgreSQL, the application running as its restricted role; and the
 * coalition index's global index, which event-history pages follow, checked by verification against the leaf.
 */
@PostgresLedgerApplicationTest
class PostgresCoalitionAccessPathsTest extends CoalitionAccessPathsContract {

    @Autowired
    Flyway flyway;

    /**
     * "As recorded at" an early instant finds its snapshot by reading one index entry, not every snapshot taken after
     * the instant ({@link PlannedRows}).
     */
    @Test
    void theSnapshotLookupAsRecordedAtAnEarlyInstant_readsOneRow_howeverManySnapshotsCameAfterIt() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        String coalition = "lookup-" + java.util.UUID.randomUUID();
        java.time.Instant start = java.time.Instant.parse("2020-01-01T00:00:00Z");
        try {
            owner.batchUpdate("insert into coalition_fold_snapshot (coalition_id, leaf_index, coalition_leaves, "
                    + "covers_until, state) values (?, ?, ?, ?, '{}')", java.util.stream.IntStream.range(0, 500)
                    .mapToObj(i -> new Object[]{coalition, i * 100L, i + 1L, java.sql.Timestamp.from(
                            start.plusSeconds(60L * i))}).toList());
            String sql = FoldSnapshots.latestWithin("s.leaf_index", "s.leaf_index < ? and ", false)
                    .replaceFirst("\\?", "'" + coalition + "'").replaceFirst("\\?", String.valueOf(Long.MAX_VALUE))
                    .replaceFirst("\\?", "timestamptz '2020-01-01T00:05:30Z'");
            assertThat(owner.queryForObject(sql, Long.class)).as("the latest snapshot by 00:05:30").isEqualTo(500L);
            PlannedRows.Plan plan = PlannedRows.of(owner, sql, "coalition_fold_snapshot");
            assertThat(plan.rows()).as("snapshot rows the lookup read, in " + plan.json()).isBetween(1L, 2L);
        } finally {
            owner.update("delete from coalition_fold_snapshot where coalition_id = ?", coalition);
        }
    }

    /**
     * The lookups of the records the leaves after a snapshot name, asked for every view as recorded at or as of a
     * checkpoint — whether the snapshot already holds any of them (every view but the trail), and their latest
     * versions (the restatement trail) — probe each record asked about, however many versions the coalition stores
     * below the snapshot ({@link PlannedRows}), under the plan for the values and under the generic plan PostgreSQL
     * may settle on for the prepared statement.
     */
    @Test
    void theRecordsAfterASnapshot_areLookedUpOneByOne_howeverManyTheCoalitionHolds() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        String coalition = "held-" + java.util.UUID.randomUUID();
        int stored = 5000;
        try {
            owner.batchUpdate("insert into coalition_fold_record_version (coalition_id, record_id, leaf_index, ordinal, "
                    + "state) values (?, ?, ?, ?, ?)", java.util.stream.IntStream.range(0, stored)
                    .mapToObj(i -> new Object[]{coalition, "record-" + i, (long) i, i, "{\"at\":" + i + "}"})
                    .toList());
            owner.execute("analyze coalition_fold_record_version");
            // A statement's worth of records recorded after the snapshot, and one it holds.
            java.util.List<String> ids = new java.util.ArrayList<>(java.util.stream.IntStream.range(stored,
                    stored + 499).mapToObj(i -> "record-" + i).toList());
            ids.add("record-7");

            java.util.List<Object> held = new java.util.ArrayList<>(ids);
            held.addAll(java.util.List.of(coalition, (long) stored));
            String sql = FoldSnapshots.anyHeldStatement(ids.size());
            assertThat(owner.queryForList(sql, String.class, held.toArray())).containsExactly("record-7");
            assertReadAtMost(owner, sql, held, ids.size());

            java.util.List<Object> latest = new java.util.ArrayList<>(java.util.List.of(coalition, (long) stored,
                    coalition, (long) stored));
            latest.addAll(ids);
            sql = FoldSnapshots.latestVersionsStatement(ids.size());
            assertThat(owner.queryForList(sql, latest.toArray())).filteredOn(row -> row.get("state") != null)
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("ordinal", 7)
                            .containsEntry("state", "{\"at\":7}"));
            assertReadAtMost(owner, sql, latest, 2L * ids.size());
        } finally {
            owner.update("delete from coalition_fold_record_version where coalition_id = ?", coalition);
        }
    }

    /** The schema owner's connection, the test database's statistics gathered first (as autovacuum does). */
    private JdbcTemplate analyzed() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        owner.execute("analyze");
        return owner;
    }

    private static void assertReadAtMost(JdbcTemplate owner, String sql, java.util.List<Object> parameters, long most) {
        assertReadAtMost(owner, sql, parameters, "coalition_fold_record_version", most);
    }

    /** Under the plan for the values and the generic plan, {@code sql} reads at most {@code most} rows of the table. */
    private static void assertReadAtMost(JdbcTemplate owner, String sql, java.util.List<?> parameters, String table,
            long most) {
        for (PlannedRows.Plan plan : java.util.List.of(PlannedRows.of(owner, sql, parameters, table),
                PlannedRows.ofGeneric(owner, sql, parameters, table))) {
            assertThat(plan.rows()).as(table + " rows read, in " + plan.json()).isLessThanOrEqualTo(most);
        }
    }

    /**
     * A page of the small coalition's event history reads its own rows of the event table, with the tables'
     * statistics gathered (as autovacuum gathers them in production): not every event stored before the page.
     */
    @Test
    void anEventHistoryPage_readsItsOwnEventRows_withTheTablesStatistics() {
        JdbcTemplate owner = analyzed();
        int page = 5;
        long head = owner.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        String sql = AuditLogStore.coalitionEventsStatement(page + 1);
        java.util.List<Object> parameters = java.util.List.of(small, -1L, head);
        assertThat(owner.queryForList(sql, parameters.toArray())).hasSize(page + 1);
        assertReadAtMost(owner, sql, parameters, "domain_event_entry", page + 1);
    }

    /**
     * The log's latest leaves with their events and index rows, as an incremental verification or a bundle from a
     * checkpoint reads them, read only those leaves' rows of each table with the tables' statistics gathered: not
     * the whole coalition index.
     */
    @Test
    void theLatestLoggedRows_readTheirOwnRowsOfEveryTable_withTheTablesStatistics() {
        JdbcTemplate owner = analyzed();
        int range = 5;
        long end = owner.queryForObject("select max(leaf_index) + 1 from audit_leaf", Long.class);
        assertThat(end).as("leaves logged").isGreaterThan(20L * range);
        java.util.List<Object> parameters = java.util.List.of(end - range, end);
        assertThat(owner.queryForList(AuditLogStore.LOGGED_ROWS, parameters.toArray())).hasSize(range)
                .allSatisfy(row -> assertThat(row.get("indexed")).isNotNull());
        // Each leaf's index row is read once for each of its three columns.
        java.util.Map<String, Integer> most = java.util.Map.of("audit_leaf", range, "audit_leaf_coalition", 3 * range,
                "domain_event_entry", range);
        most.forEach((table, rows) -> assertReadAtMost(owner, AuditLogStore.LOGGED_ROWS, parameters, table, rows));
    }

    /**
     * The scheduled sweep for unlogged events reads its window's rows of the events and of the leaves, with the tables'
     * statistics and under the generic plan PostgreSQL settles on for a statement run every few seconds: not every
     * leaf ever logged.
     */
    @Test
    void theSweepForUnloggedEvents_readsItsWindowsRows_withTheTablesStatistics() {
        JdbcTemplate owner = analyzed();
        int window = 5;
        long logged = owner.queryForObject("select max(global_index) from audit_leaf", Long.class);
        assertThat(owner.queryForObject("select count(*) from audit_leaf", Long.class)).as("leaves logged")
                .isGreaterThan(20L * window);
        java.util.List<Object> parameters = java.util.List.of(logged - window, logged);
        assertThat(owner.queryForList(AuditLogStore.UNSWEPT_EVENTS, parameters.toArray())).isEmpty();
        for (String table : java.util.List.of("audit_leaf", "domain_event_entry")) {
            assertReadAtMost(owner, AuditLogStore.UNSWEPT_EVENTS, parameters, table, window);
            PlannedRows.Plan withSeqScans = PlannedRows.ofGeneric(owner, AuditLogStore.UNSWEPT_EVENTS, parameters,
                    table, true);
            assertThat(withSeqScans.rows()).as(table + " rows read, in " + withSeqScans.json())
                    .isLessThanOrEqualTo(window);
        }
    }

    @Test
    void aMovedGlobalIndexInTheCoalitionIndex_isNamedByVerification() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        long leaf = owner.queryForObject("select min(leaf_index) from audit_leaf_coalition where coalition_id = ?",
                Long.class, small);
        long globalIndex = owner.queryForObject("select global_index from audit_leaf_coalition where leaf_index = ?",
                Long.class, leaf);
        assertNamedMisindexed(leaf, () -> owner.update("update audit_leaf_coalition set global_index = ? where "
                        + "leaf_index = ?", globalIndex + 1000000, leaf),
                () -> owner.update("update audit_leaf_coalition set global_index = ? where leaf_index = ?",
                        globalIndex, leaf),
                "at global index " + (globalIndex + 1000000));
    }

    @Test
    void anEventFiledUnderAnotherCoalitionInTheIndex_isNamedByVerification() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        long leaf = owner.queryForObject("select max(leaf_index) from audit_leaf_coalition where coalition_id = ?",
                Long.class, small);
        assertNamedMisindexed(leaf, () -> owner.update("update audit_leaf_coalition set coalition_id = ? where "
                        + "leaf_index = ?", small + "-other", leaf),
                () -> owner.update("update audit_leaf_coalition set coalition_id = ? where leaf_index = ?", small,
                        leaf),
                "indexed under coalition " + small + "-other", "belongs to coalition " + small);
    }

    @Test
    void anEventRemovedFromTheCoalitionIndex_isNamedByVerification() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        long leaf = owner.queryForObject("select max(leaf_index) from audit_leaf_coalition where coalition_id = ?",
                Long.class, small);
        long globalIndex = owner.queryForObject("select global_index from audit_leaf_coalition where leaf_index = ?",
                Long.class, leaf);
        assertNamedMisindexed(leaf, () -> owner.update("delete from audit_leaf_coalition where leaf_index = ?", leaf),
                () -> owner.update("insert into audit_leaf_coalition (leaf_index, coalition_id, global_index) "
                        + "values (?, ?, ?)", leaf, small, globalIndex),
                "missing from the coalition index", "coalition " + small);
    }

    /**
     * While {@code tamper} has changed the coalition index, verification names {@code leaf} as misindexed, with each
     * of {@code details}, and nothing else; once {@code restore} has undone it, the log verifies clean.
     */
    private void assertNamedMisindexed(long leaf, Runnable tamper, Runnable restore, String... details) {
        try {
            tamper.run();
            assertThat(verification.verify(false).discrepancies()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.MISINDEXED);
                assertThat(d.leafIndex()).isEqualTo(leaf);
                assertThat(d.detail()).contains(details);
            });
        } finally {
            restore.run();
        }
        assertThat(verification.verify(false).clean()).isTrue();
    }
}
