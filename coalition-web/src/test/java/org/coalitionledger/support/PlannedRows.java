package org.coalitionledger.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * How many rows of a table a PostgreSQL statement reads, by the planner's own count ({@code EXPLAIN ANALYZE}): the
 * rows its scans of the table returned and those they read and filtered out, in every loop. Sequential scans are off,
 * so a small test table is read through its indexes as a large one would be. Shows a cost by counting, not by timing.
 */
public final class PlannedRows {

    private PlannedRows() {
    }

    /** The plan in JSON and the rows of {@code table} it read; {@code sql} has its parameters written in. */
    public record Plan(String json, long rows) {
    }

    public static Plan of(JdbcTemplate owner, String sql, String table) {
        String plan = new TransactionTemplate(new DataSourceTransactionManager(owner.getDataSource()))
                .execute(status -> {
                    owner.execute("set local enable_seqscan = off");
                    return owner.queryForObject("explain (analyze, format json) " + sql, String.class);
                });
        return rows(plan, table);
    }

    /** As {@link #of}, for {@code sql} with {@code ?} parameters, which are written in ({@link #literal}). */
    public static Plan of(JdbcTemplate owner, String sql, List<?> parameters, String table) {
        StringBuilder written = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            written.append(c == '?' ? literal(parameters.get(parameter++)) : String.valueOf(c));
        }
        return of(owner, written.toString(), table);
    }

    /**
     * As {@link #of}, for the generic plan of {@code sql} with {@code ?} parameters: the plan PostgreSQL may settle on
     * for a statement the application has prepared and run a few times, made without the parameters' values (and so
     * without what their statistics would tell).
     */
    public static Plan ofGeneric(JdbcTemplate owner, String sql, List<?> parameters, String table) {
        return ofGeneric(owner, sql, parameters, table, false);
    }

    /**
     * As {@link #ofGeneric}, with sequential scans allowed when {@code seqScans}: the generic plan as a server plans it,
     * where a condition it cannot estimate (a lower bound alone is taken to keep a third of the table) can make
     * hashing a whole table look cheaper than probing it.
     */
    public static Plan ofGeneric(JdbcTemplate owner, String sql, List<?> parameters, String table, boolean seqScans) {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        String values = String.join(", ", parameters.stream().map(PlannedRows::literal).toList());
        String plan = new TransactionTemplate(new DataSourceTransactionManager(owner.getDataSource()))
                .execute(status -> {
                    owner.execute("set local enable_seqscan = " + (seqScans ? "on" : "off"));
                    owner.execute("set local plan_cache_mode = force_generic_plan");
                    owner.execute("prepare planned_rows as " + numbered);
                    try {
                        return owner.queryForObject("explain (analyze, format json) execute planned_rows(" + values
                                + ")", String.class);
                    } finally {
                        owner.execute("deallocate planned_rows");
                    }
                });
        return rows(plan, table);
    }

    /** A parameter as SQL: a string quoted, anything else as it prints. */
    private static String literal(Object value) {
        return value instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
    }

    private static Plan rows(String plan, String table) {
        JsonNode root = new ObjectMapper().readTree(plan);
        long[] read = new long[1];
        root.findParents("Node Type").forEach(node -> {
            if (node.path("Relation Name").asString("").equals(table)) {
                // Both counts are per loop: a scan inside a subquery runs once for each row of the outer query.
                read[0] += node.path("Actual Loops").asLong(1) * (node.path("Actual Rows").asLong()
                        + node.path("Rows Removed by Filter").asLong());
            }
        });
        return new Plan(plan, read[0]);
    }
}
