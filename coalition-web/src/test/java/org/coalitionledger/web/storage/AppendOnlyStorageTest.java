package org.coalitionledger.web.storage;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On H2 (the embedded default) a trigger refuses every UPDATE and DELETE on the log's append-only tables. */
@LedgerApplicationTest
class AppendOnlyStorageTest {

    static final List<String> TABLES = AppendOnlyStorage.TABLES;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @FieldSource("TABLES")
    void update_rejected_byTheTrigger_andNothingChanges(String table) {
        String column = AppendOnlyTables.firstColumn(jdbc, table);
        List<Object> before = AppendOnlyTables.keys(jdbc, table);

        assertThatThrownBy(() -> jdbc.update("update " + table + " set " + column + " = " + column))
                .isInstanceOf(DataAccessException.class)
                .extracting(e -> ((DataAccessException) e).getMostSpecificCause().getMessage()).asString()
                .contains("table " + table.toUpperCase() + " is append-only: UPDATE and DELETE are refused");

        assertThat(AppendOnlyTables.keys(jdbc, table)).startsWith(before.toArray());
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void delete_rejected_byTheTrigger_andNothingChanges(String table) {
        List<Object> before = AppendOnlyTables.keys(jdbc, table);

        assertThatThrownBy(() -> jdbc.update("delete from " + table))
                .isInstanceOf(DataAccessException.class)
                .extracting(e -> ((DataAccessException) e).getMostSpecificCause().getMessage()).asString()
                .contains("table " + table.toUpperCase() + " is append-only: UPDATE and DELETE are refused");

        assertThat(AppendOnlyTables.keys(jdbc, table)).startsWith(before.toArray());
    }
}
