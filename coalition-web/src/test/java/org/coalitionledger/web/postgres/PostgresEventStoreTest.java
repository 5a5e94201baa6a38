package org.coalitionledger.web.postgres;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL, events are inline bytea holding readable JSON, with no large objects and no index gaps; and the
 * application's connections send a batch of inserts as multi-row statements.
 */
@PostgresLedgerApplicationTest
class PostgresEventStoreTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void payloadAndMetadata_areBytea() {
        List<String> types = jdbc.queryForList("select data_type from information_schema.columns "
                + "where table_name = 'domain_event_entry' and column_name in ('payload', 'meta_data')", String.class);
        assertThat(types).containsExactly("bytea", "bytea");
    }

    @Test
    void everyPayload_isReadableJson() {
        Long unreadable = jdbc.queryForObject("select count(*) from domain_event_entry "
                + "where jsonb_typeof(convert_from(payload, 'UTF8')::jsonb) <> 'object' "
                + "or jsonb_typeof(convert_from(meta_data, 'UTF8')::jsonb) <> 'object'", Long.class);
        assertThat(unreadable).isZero();
        String founding = jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb ->> 'name' "
                + "from domain_event_entry where global_index = 1", String.class);
        assertThat(founding).isEqualTo("Coalition to End Wildlife Trafficking Online");
    }

    @Test
    void noLargeObjects_areUsed() {
        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class)).isZero();
        assertThat(EventStoreRows.count(jdbc)).isPositive();
    }

    /**
     * The driver rewrites a JDBC batch of inserts into multi-row statements (a views rebuild writes its rows in
     * batches: 42.7–49.3 s against 50.9 s at 1,000,000 events, docs/benchmarks.md).
     */
    @Test
    void batchedInserts_areSentAsMultiRowStatements() throws java.sql.SQLException {
        try (var connection = jdbc.getDataSource().getConnection()) {
            assertThat(connection.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
                    .isReWriteBatchedInsertsEnabled()).isTrue();
        }
    }

    @Test
    void globalIndex_runsOneTwoThree() {
        List<Long> indexes = EventStoreRows.globalIndexes(jdbc);
        assertThat(indexes).hasSizeGreaterThanOrEqualTo(37);
        for (int i = 0; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).isEqualTo(i + 1L);
        }
    }
}
