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

    @Test
    void aMovedGlobalIndexInTheCoalitionIndex_isNamedByVerification() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        long leaf = owner.queryForObject("select min(leaf_index) from audit_leaf_coalition where coalition_id = ?",
                Long.class, small);
        long globalIndex = owner.queryForObject("select global_index from audit_leaf_coalition where leaf_index = ?",
                Long.class, leaf);
        try {
            owner.update("update audit_leaf_coalition set global_index = ? where leaf_index = ?", globalIndex + 1000000,
                    leaf);
            assertThat(verification.verify(false).discrepancies()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.MISINDEXED);
                assertThat(d.leafIndex()).isEqualTo(leaf);
                assertThat(d.detail()).contains("at global index " + (globalIndex + 1000000));
            });
        } finally {
            owner.update("update audit_leaf_coalition set global_index = ? where leaf_index = ?", globalIndex, leaf);
        }
        assertThat(verification.verify(false).clean()).isTrue();
    }
}
