package org.coalitionledger.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The figures of the scale benchmark, one map of named numbers per event count, kept as a properties file per run
 * and written as Markdown tables: each cost beside its limit from the same run and the ratio between them, the
 * latencies, the heap. The rows are defined here once; a figure a run does not have shows as "—".
 */
final class ScaleReport {

    static final String N = "n";
    static final String EVENTS = "events";

    /** A throughput beside the limit it is compared with. */
    record RatioRow(String label, String key, String limitLabel, String limitKey, String target) {
    }

    /** A latency: p50 and p99 of a wrk load. */
    record LatencyRow(String label, String key, String target) {
    }

    static final List<RatioRow> RATIOS = List.of(
            new RatioRow("HTTP ingest, 8 clients (takedown batches/s)", "ingest.rps",
                    "raw JDBC insert, 1 row per commit", "limit.insert.single", "≥ 0.5"),
            new RatioRow("bulk import, NDJSON (events/s)", "import.rps",
                    "raw JDBC insert, 100 rows per commit", "limit.insert.batched", "≥ 0.5"),
            new RatioRow("views rebuild to caught up (events/s)", "rebuild.rps",
                    "raw scan + deserialisation", "limit.scan.deser", "≥ 0.25 at 1,000,000"),
            new RatioRow("full verification (events/s)", "verify.full.rps",
                    "raw scan + SHA-256", "limit.scan.sha256", "≥ 0.5 at 1,000,000"),
            new RatioRow("full verification, server with `-Xmx512m` (events/s)", "verify.target-heap.rps",
                    "raw scan + SHA-256", "limit.scan.sha256", "≥ 0.5 at 1,000,000, heap ≤ 512 MB"),
            new RatioRow("year-over-year, live (req/s)", "yoy.live.rps",
                    "static file (`/dashboard/api.js`)", "static.rps", "≥ 0.5"),
            new RatioRow("year-over-year, live, paced to about half of that (req/s)", "yoy.live.half.rps",
                    "year-over-year, live, unpaced", "yoy.live.half.max", "≈ 0.5"),
            new RatioRow("year-over-year, as recorded at (req/s)", "yoy.recorded.rps",
                    "static file", "static.rps", ""),
            new RatioRow("year-over-year, as of a checkpoint (req/s)", "yoy.checkpoint.rps",
                    "static file", "static.rps", ""),
            new RatioRow("event-history page, 100 events (req/s)", "history.rps",
                    "static file", "static.rps", ""),
            new RatioRow("inclusion proof (req/s)", "proof.rps", "static file", "static.rps", ""),
            new RatioRow("inclusion proof, paced to about half of that (req/s)", "proof.half.rps",
                    "inclusion proof, unpaced", "proof.half.max", "≈ 0.5"));

    static final List<LatencyRow> LATENCIES = List.of(
            new LatencyRow("static file (`/dashboard/api.js`), 8 clients", "static", ""),
            new LatencyRow("HTTP ingest, 8 clients", "ingest", ""),
            new LatencyRow("year-over-year, live, 8 clients", "yoy.live", ""),
            new LatencyRow("year-over-year, live, 8 clients paced to about half of max", "yoy.live.half",
                    "p99 < 10 ms at half of max"),
            new LatencyRow("static file, 8 clients at the live view's pause (the limit of the row above)",
                    "yoy.live.half.static", ""),
            new LatencyRow("year-over-year, as recorded at, 8 clients", "yoy.recorded", "p99 < 100 ms at 1,000,000"),
            new LatencyRow("year-over-year, as of a checkpoint, 8 clients", "yoy.checkpoint",
                    "p99 < 100 ms at 1,000,000"),
            new LatencyRow("event-history page, 8 clients", "history", ""),
            new LatencyRow("inclusion proof, 8 clients", "proof", ""),
            new LatencyRow("inclusion proof, 8 clients paced to about half of max", "proof.half", "p99 < 5 ms"),
            new LatencyRow("static file, 8 clients at the proof's pause (the limit of the row above)",
                    "proof.half.static", ""),
            new LatencyRow("as recorded at, 32 clients (the hammer)", "hammer", ""),
            new LatencyRow("`/actuator/health`, 1 client, a new connection each, during the hammer", "health.hammered",
                    "p99 < 50 ms"),
            new LatencyRow("`/actuator/health` the same, the server idle while " + ScaleBenchmark.HISTORIC_VIEWS_AT_ONCE
                    + " threads of the harness spin (the limit of the row above)", "health.spinning", ""));

    private ScaleReport() {
    }

    static void save(Map<String, Double> figures, Path file) throws IOException {
        Properties properties = new Properties();
        new TreeMap<>(figures).forEach((k, v) -> properties.setProperty(k, Double.toString(v)));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "coalition-bench ScaleBenchmark figures");
        }
    }

    /** Every {@code scale-<N>.properties} in the folder, by N. */
    static List<Map<String, Double>> load(Path dir) throws IOException {
        List<Map<String, Double>> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("scale-\\d+\\.properties"))
                    .toList()) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
                Map<String, Double> run = new TreeMap<>();
                properties.stringPropertyNames().forEach(k -> run.put(k, Double.valueOf(properties.getProperty(k))));
                runs.add(run);
            }
        }
        runs.sort(Comparator.comparingDouble(r -> r.getOrDefault(N, 0.0)));
        return runs;
    }

    static String markdown(List<Map<String, Double>> runs, Map<String, String> machine) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ");
        machine.forEach((k, v) -> md.append(k).append(' ').append(v).append("; "));
        md.append('\n');
        for (Map<String, Double> run : runs) {
            md.append(String.format(Locale.ROOT, "%nN = %s: %s events stored; load average %s at the start, %s at "
                    + "the end; the run took %s s.%n", number(run.get(N)), number(run.get(EVENTS)),
                    decimal(run.get("load.start"), 2), decimal(run.get("load.end"), 2),
                    number(run.get("run.seconds"))));
        }

        tableHead(md, "Throughput beside its limit (value / limit = ratio)", List.of("figure", "limit (same run)"),
                runs, true);
        for (RatioRow row : RATIOS) {
            md.append("| ").append(row.label()).append(" | ").append(row.limitLabel()).append(" |");
            for (Map<String, Double> run : runs) {
                Double value = run.get(row.key());
                Double limit = run.get(row.limitKey());
                md.append(' ').append(value == null ? "—" : number(value) + " / " + number(limit) + " = **"
                        + ratio(value, limit) + "**").append(" |");
            }
            md.append(' ').append(row.target()).append(" |\n");
        }

        tableHead(md, "Latency, ms: p50 / p99 (wrk, whole run)", List.of("load"), runs, true);
        for (LatencyRow row : LATENCIES) {
            md.append("| ").append(row.label()).append(" |");
            for (Map<String, Double> run : runs) {
                Double p50 = run.get(row.key() + ".p50");
                Double p99 = run.get(row.key() + ".p99");
                Double errors = run.get(row.key() + ".errors");
                Double requests = run.get(row.key() + ".requests");
                String cell = p50 == null ? "—" : requests != null && requests == 0 ? "no answer within the run"
                        : decimal(p50, 2) + " / " + decimal(p99, 2)
                        + (errors != null && errors > 0 ? " (" + number(errors) + " failed)" : "");
                md.append(' ').append(cell).append(" |");
            }
            md.append(' ').append(row.target()).append(" |\n");
        }

        tableHead(md, "The application's garbage-collection pauses during a latency run: how many, the longest and "
                + "all of them, ms", List.of("load"), runs, false);
        for (LatencyRow row : LATENCIES) {
            if (runs.stream().noneMatch(r -> r.containsKey(row.key() + ".gc.count"))) {
                continue;
            }
            md.append("| ").append(row.label()).append(" |");
            for (Map<String, Double> run : runs) {
                Double count = run.get(row.key() + ".gc.count");
                md.append(' ').append(count == null ? "—" : number(count) + ", "
                        + decimal(run.get(row.key() + ".gc.longest-ms"), 1) + " / "
                        + decimal(run.get(row.key() + ".gc.total-ms"), 1)).append(" |");
            }
            md.append('\n');
        }

        if (runs.stream().anyMatch(r -> r.keySet().stream().anyMatch(k -> k.startsWith("plan.")))) {
            tableHead(md, "The log's statements over a range, as PostgreSQL plans them: execution, ms (median), and "
                    + "the functions JIT compiled", List.of("statement, plan, JIT"), runs, false);
            for (StatementPlans.Measured statement : StatementPlans.STATEMENTS) {
                for (String mode : StatementPlans.MODES) {
                    for (String jit : StatementPlans.JIT) {
                        String key = "plan." + statement.key() + "." + mode + ".jit-" + jit;
                        md.append("| ").append(statement.label()).append(", ")
                                .append(mode.equals("custom") ? "the plan for the values" : "the generic plan")
                                .append(", JIT ").append(jit.equals("on")
                                        ? "on (PostgreSQL's default, as the application runs)" : "off").append(" |");
                        runs.forEach(r -> md.append(' ').append(r.containsKey(key + ".ms")
                                ? decimal(r.get(key + ".ms"), 1) + " (" + number(r.get(key + ".functions")) + ")"
                                : "—").append(" |"));
                        md.append('\n');
                    }
                }
                md.append("| ").append(statement.label()).append(", the generic plans PostgreSQL chose itself in "
                        + StatementPlans.AUTO_EXECUTIONS + " executions (`plan_cache_mode = auto`) |");
                String auto = "plan." + statement.key() + ".auto.generic";
                runs.forEach(r -> md.append(' ').append(r.containsKey(auto) ? number(r.get(auto)) : "—").append(" |"));
                md.append('\n');
            }
        }

        tableHead(md, "CPU, duration and heap", List.of("figure"), runs, true);
        List<String[]> rows = List.of(
                new String[]{"server CPU per HTTP-ingested takedown batch, ms", "ingest.cpu.ms", ""},
                new String[]{"server CPU per imported event, ms", "import.cpu.ms", ""},
                new String[]{"full verification, s", "verify.full.seconds", ""},
                new String[]{"server CPU per event fully verified, ms", "verify.cpu.ms", ""},
                new String[]{"incremental verification after up to 1,000 new events, s", "verify.incremental.seconds", ""},
                new String[]{"views rebuild to caught up, s", "rebuild.seconds", ""},
                new String[]{"fold snapshots caught up, s after the log", "snapshots.catchup.seconds", ""},
                new String[]{"bench-0's leaves after its latest fold snapshot (each view as recorded at or as of the "
                        + "checkpoint folds these)", "historic.leaves-after", ""},
                new String[]{"peak used heap during full verification, MiB", "heap.verify.mib", ""},
                new String[]{"full verification with `-Xmx512m` clean (1) or failed (0)", "verify.target-heap.clean",
                        "1 at 1,000,000"},
                new String[]{"full verification with `-Xmx512m`, s", "verify.target-heap.seconds", ""},
                new String[]{"peak used heap during full verification with `-Xmx512m`, MiB",
                        "heap.verify.target-heap.mib", "≤ 512 at 1,000,000"},
                new String[]{"peak used heap during the rebuild, MiB", "heap.rebuild.mib", ""},
                new String[]{"peak used heap over the run, MiB", "heap.peak.mib", ""});
        for (String[] row : rows) {
            md.append("| ").append(row[0]).append(" |");
            // CPU per unit in thousandths of a millisecond: a verified event costs a few hundredths.
            int places = row[1].endsWith(".cpu.ms") ? 3 : 1;
            runs.forEach(r -> md.append(' ').append(r.containsKey(row[1]) ? decimal(r.get(row[1]), places) : "—")
                    .append(" |"));
            md.append(' ').append(row[2]).append(" |\n");
        }
        return md.toString();
    }

    /** A table's title and head: the leading columns, one column per run, and the target's when asked for. */
    private static void tableHead(StringBuilder md, String title, List<String> leading, List<Map<String, Double>> runs,
            boolean target) {
        md.append("\n#### ").append(title).append("\n\n|");
        leading.forEach(column -> md.append(' ').append(column).append(" |"));
        runs.forEach(r -> md.append(" N = ").append(number(r.get(N))).append(" |"));
        md.append(target ? " target |\n|" : "\n|");
        md.append("---|".repeat(leading.size() + runs.size() + (target ? 1 : 0))).append('\n');
    }

    static String ratio(double value, Double limit) {
        return limit == null || limit == 0 ? "—" : String.format(Locale.ROOT, "%.3f", value / limit);
    }

    static String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String decimal(Double value, int places) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,." + places + "f", value);
    }
}
