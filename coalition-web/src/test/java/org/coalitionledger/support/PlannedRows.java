package org.coalitionledger.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * How many rows of a table a PostgreSQL statement reads, by the planner's own count ({@code EXPLAIN ANALYZE}): the
 * rows its scans of the table returned and those they read and filtered out. Sequential scans are off, so a small
 * test table is read through its indexes as a large one would be. Shows a cost by counting, not by timing.
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
        JsonNode root = new ObjectMapper().readTree(plan);
        long[] read = new long[1];
        root.findParents("Node Type").forEach(node -> {
            if (node.path("Relation Name").asString("").equals(table)) {
                read[0] += node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong();
            }
        });
        return new Plan(plan, read[0]);
    }
}
