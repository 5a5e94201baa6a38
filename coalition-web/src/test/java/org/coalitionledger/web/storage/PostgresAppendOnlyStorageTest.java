package org.coalitionledger.web.storage;

import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.coalitionledger.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On PostgreSQL the application runs as a role that may only append to the log's tables: UPDATE, DELETE and
 * TRUNCATE fail with a permission error. (Every other PostgreSQL test runs as that role too, which shows it can
 * still do everything else.)
 */
@PostgresLedgerApplicationTest
class PostgresAppendOnlyStorageTest {

    static final List<String> TABLES = AppendOnlyStorage.TABLES;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void application_runsAsTheRestrictedRole_notTheSchemaOwner() {
        assertThat(jdbc.queryForObject("select current_user", String.class))
                .isEqualTo(PostgresTestDatabase.APPLICATION_ROLE);
        assertThat(jdbc.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class))
                .isFalse();
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where schemaname = current_schema() "
                + "and tableowner = current_user", Long.class)).isZero();
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void rewrite_rejected_withAPermissionError_andNothingChanges(String table) {
        String column = AppendOnlyTables.firstColumn(jdbc, table);
        List<Object> before = AppendOnlyTables.keys(jdbc, table);

        for (String rewrite : List.of("update " + table + " set " + column + " = " + column,
                "delete from " + table, "truncate table " + table)) {
            assertThatThrownBy(() -> jdbc.execute(rewrite))
                    .as(rewrite)
                    .isInstanceOf(DataAccessException.class)
                    .extracting(e -> (SQLException) ((DataAccessException) e).getMostSpecificCause())
                    .satisfies(cause -> {
                        assertThat(cause.getSQLState()).isEqualTo("42501");
                        assertThat(cause.getMessage()).contains("permission denied for table " + table);
                    });
        }

        assertThat(AppendOnlyTables.keys(jdbc, table)).startsWith(before.toArray());
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void appendOnlyTables_allowOnlySelectAndInsert(String table) {
        for (String privilege : List.of("SELECT", "INSERT")) {
            assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isTrue();
        }
        for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
            assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isFalse();
        }
    }

    @Test
    void otherTables_keepWhatTheApplicationNeeds_andFlywayHistoryIsOutOfReach() {
        for (String table : List.of("token_entry", "coalition_view_generation", "coalition_view_founding",
                "coalition_view_stint", "coalition_view_goal", "coalition_view_record", "coalition_view_restatement",
                "idempotency_key", "dead_letter_entry")) {
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                assertThat(hasPrivilege(table, privilege)).as(privilege + " on " + table).isTrue();
            }
        }
        for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
            assertThat(hasPrivilege("flyway_schema_history", privilege)).as(privilege).isFalse();
        }
    }

    private boolean hasPrivilege(String table, String privilege) {
        return jdbc.queryForObject("select has_table_privilege(current_user, ?, ?)", Boolean.class, table, privilege);
    }
}
