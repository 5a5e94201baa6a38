package org.coalitionledger.log;

import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
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
