package org.coalitionledger.web.storage;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Reads an append-only table generically, so the tests cover every table {@link AppendOnlyStorage} lists. */
final class AppendOnlyTables {

    private AppendOnlyTables() {
    }

    static String firstColumn(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select column_name from information_schema.columns where lower(table_name) = ? "
                + "order by ordinal_position fetch first 1 rows only", String.class, table);
    }

    /**
     * The first column's values in order: the key that grows as the table is appended to (global index, leaf index,
     * tree size), so rows appended meanwhile come after every earlier one.
     */
    static List<Object> keys(JdbcTemplate jdbc, String table) {
        String column = firstColumn(jdbc, table);
        return jdbc.queryForList("select " + column + " from " + table + " order by " + column, Object.class);
    }
}
