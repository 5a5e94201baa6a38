package org.coalitionledger.bench;

import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.log.UnloggedEventSweeper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL's plans of the log's two statements over a range cost on the ledger a run left (step 5 of
 * docs/benchmarks.md, "At scale"): the logged rows of the last 1,000 leaves (an incremental verification, a bundle
 * from a checkpoint) and the sweep for unlogged events over its window (the default window below the log's position,
 * one statement per page, as the sweeper sends them). Each statement is prepared and run under
 * {@code explain (analyze, timing off)} with the plan for the values ({@code force_custom_plan}, what a connection
 * gets for its first executions) and the generic plan ({@code force_generic_plan}, what PostgreSQL may settle on for
 * a statement run often), with JIT compilation on (PostgreSQL's default, as the application runs) and off. Figures:
 * the execution time in ms (median of the repetitions) and the functions JIT compiled; then how many generic plans
 * PostgreSQL chooses when left to choose, as it does on the application's connections.
 */
final class StatementPlans {

    static final int LOGGED_LEAVES = 1000;
    static final int AUTO_EXECUTIONS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A statement measured: its figures' key, its label in the report, and its SQL as the application sends it. */
    record Measured(String key, String label, String sql) {
    }

    /** The two plan modes and the two JIT settings, in the report's order. */
    static final List<String> MODES = List.of("custom", "generic");
    static final List<String> JIT = List.of("on", "off");

    static final Measured LOGGED = new Measured("logged", "the logged rows of the last "
            + String.format("%,d", LOGGED_LEAVES) + " leaves", AuditLogStore.LOGGED_ROWS);
    static final Measured SWEEP = new Measured("sweep", "the sweep for unlogged events over its window ("
            + String.format("%,d", AuditProperties.DEFAULT_SWEEP_WINDOW) + " global indexes, "
            + String.format("%,d", UnloggedEventSweeper.SWEEP_PAGE) + " a statement)", AuditLogStore.UNSWEPT_EVENTS);
    static final List<Measured> STATEMENTS = List.of(LOGGED, SWEEP);

    private StatementPlans() {
    }

    /**
     * Measures every statement, mode and JIT setting into {@code f} under {@code plan.<statement>.<mode>.jit-<on|off>},
     * and the generic plans PostgreSQL chooses by itself under {@code plan.<statement>.auto.generic}.
     */
    static void measure(DataSource owner, int reps, Map<String, Double> f) throws SQLException {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            long leaves = single(statement, "select count(*) from audit_leaf");
            long logged = single(statement, "select coalesce(max(global_index), 0) from audit_leaf");
            // Each range is one execution; a statement's figure is the sum over its ranges.
            Map<Measured, List<long[]>> ranges = Map.of(
                    LOGGED, List.of(new long[]{Math.max(0, leaves - LOGGED_LEAVES), leaves}),
                    SWEEP, sweepPages(logged));
            try {
                for (String mode : MODES) {
                    statement.execute("set plan_cache_mode = force_" + mode + "_plan");
                    for (Measured m : STATEMENTS) {
                        for (String jit : JIT) {
                            // Prepared afresh under each setting: a generic plan is made once, with the JIT setting
                            // of the moment, and kept.
                            statement.execute("set jit = " + jit);
                            statement.execute("prepare bench_statement as " + numbered(m.sql()));
                            List<Double> millis = new ArrayList<>();
                            double functions = 0;
                            for (int rep = 0; rep < reps; rep++) {
                                double sum = 0;
                                for (long[] range : ranges.get(m)) {
                                    JsonNode plan = explain(statement, "bench_statement", range);
                                    sum += plan.path("Execution Time").asDouble();
                                    functions = Math.max(functions, functionsCompiled(plan));
                                }
                                millis.add(sum);
                            }
                            statement.execute("deallocate bench_statement");
                            String key = "plan." + m.key() + "." + mode + ".jit-" + jit;
                            f.put(key + ".ms", Stats.of(millis).median());
                            f.put(key + ".functions", functions);
                        }
                    }
                }
                statement.execute("reset plan_cache_mode");
                statement.execute("reset jit");
                for (Measured m : STATEMENTS) {
                    f.put("plan." + m.key() + ".auto.generic", (double) genericPlansChosen(statement, m,
                            ranges.get(m)));
                }
            } finally {
                statement.execute("deallocate all");
                statement.execute("reset all");
            }
        }
    }

    /**
     * How many of {@link #AUTO_EXECUTIONS} executions PostgreSQL ran with its generic plan where it chooses by itself
     * ({@code plan_cache_mode = auto}: the plan for the values five times, then the generic one when its estimate is
     * no worse), as on a connection of the application running the statement often: its ranges in turn.
     */
    private static long genericPlansChosen(Statement statement, Measured m, List<long[]> ranges) throws SQLException {
        statement.execute("prepare bench_auto as " + numbered(m.sql()));
        for (int i = 0; i < AUTO_EXECUTIONS; i++) {
            long[] range = ranges.get(i % ranges.size());
            statement.execute("execute bench_auto(" + range[0] + ", " + range[1] + ")");
        }
        long generic = single(statement, "select generic_plans from pg_prepared_statements where name = 'bench_auto'");
        statement.execute("deallocate bench_auto");
        return generic;
    }

    /** The sweeper's pages over the default window below the log's position. */
    static List<long[]> sweepPages(long maxLogged) {
        List<long[]> pages = new ArrayList<>();
        long from = Math.max(0, maxLogged - AuditProperties.DEFAULT_SWEEP_WINDOW);
        for (long start = from; start < maxLogged; start += UnloggedEventSweeper.SWEEP_PAGE) {
            pages.add(new long[]{start, Math.min(maxLogged, start + UnloggedEventSweeper.SWEEP_PAGE)});
        }
        return pages;
    }

    /** The JDBC statement with {@code $1, $2, ...} for its {@code ?}s, as {@code prepare} takes it. */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++parameter);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The functions JIT compiled for one execution: the leader's and, in a parallel plan, each worker's (which
     * {@code explain} shows only when verbose).
     */
    static double functionsCompiled(JsonNode plan) {
        return plan.findValues("Functions").stream().mapToDouble(JsonNode::asDouble).sum();
    }

    private static JsonNode explain(Statement statement, String prepared, long[] range) throws SQLException {
        try (ResultSet rs = statement.executeQuery("explain (analyze, timing off, verbose, format json) execute "
                + prepared + "(" + range[0] + ", " + range[1] + ")")) {
            rs.next();
            return JSON.readTree(rs.getString(1)).get(0);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
