package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleReportTest {

    /** Every figure the benchmark writes, with fixed values: each throughput is half its limit. */
    static Map<String, Double> fullRun(double n) {
        Map<String, Double> run = new HashMap<>();
        run.put(ScaleReport.N, n);
        run.put(ScaleReport.EVENTS, n + 12);
        for (String key : List.of("load.start", "load.end", "run.seconds", "verify.full.seconds",
                "rebuild.seconds", "heap.verify.mib", "heap.rebuild.mib", "heap.peak.mib", "ingest.cpu.ms", "import.cpu.ms")) {
            run.put(key, 3.0);
        }
        run.put("verify.cpu.ms", 0.0305);
        for (ScaleReport.RatioRow row : ScaleReport.RATIOS) {
            run.put(row.limitKey(), 2000.0);
            run.put(row.key(), 1000.0);
        }
        for (ScaleReport.LatencyRow row : ScaleReport.LATENCIES) {
            run.put(row.key() + ".p50", 1.5);
            run.put(row.key() + ".p99", 7.25);
            run.put(row.key() + ".errors", 0.0);
        }
        return run;
    }

    @Test
    void markdown_hasEveryRowWithItsRatioForEveryRun() {
        String md = ScaleReport.markdown(List.of(fullRun(10_000), fullRun(100_000)), Map.of("cores", "2"));

        for (ScaleReport.RatioRow row : ScaleReport.RATIOS) {
            assertThat(md).containsPattern("\\| " + java.util.regex.Pattern.quote(row.label())
                    + " \\|[^\\n]*1,000 / 2,000 = \\*\\*0\\.500\\*\\* \\| 1,000 / 2,000 = \\*\\*0\\.500\\*\\* \\|");
        }
        for (ScaleReport.LatencyRow row : ScaleReport.LATENCIES) {
            assertThat(md).contains("| " + row.label() + " | 1.50 / 7.25 | 1.50 / 7.25 |");
        }
        assertThat(md).contains("| server CPU per event fully verified, ms | 0.031 | 0.031 |")
                .contains("| full verification, s | 3.0 | 3.0 |");
        assertThat(md).contains("| N = 10,000 | N = 100,000 |").contains("cores 2")
                .contains("N = 100,000: 100,012 events stored");
    }

    @Test
    void markdown_listsEachStatementsPlans_withTheFunctionsJitCompiled_andNoTableForRunsWithout() {
        Map<String, Double> run = fullRun(1_000_000);
        run.put("plan.logged.generic.jit-on.ms", 212.25);
        run.put("plan.logged.generic.jit-on.functions", 49.0);
        run.put("plan.logged.generic.jit-off.ms", 6.5);
        run.put("plan.logged.generic.jit-off.functions", 0.0);
        run.put("plan.logged.auto.generic", 0.0);

        String md = ScaleReport.markdown(List.of(fullRun(10_000), run), Map.of());

        assertThat(md).contains("| the logged rows of the last 1,000 leaves, the generic plan, JIT on (PostgreSQL's "
                + "default, as the application runs) | — | 212.3 (49) |");
        assertThat(md).contains("| the logged rows of the last 1,000 leaves, the generic plan, JIT off | — | 6.5 "
                + "(0) |");
        assertThat(md).contains("| the sweep for unlogged events over its window (100,000 global indexes, 10,000 a "
                + "statement), the plan for the values, JIT off | — | — |");
        assertThat(md).contains("| the logged rows of the last 1,000 leaves, the generic plans PostgreSQL chose itself "
                + "in 10 executions (`plan_cache_mode = auto`) | — | 0 |");
        assertThat(ScaleReport.markdown(List.of(fullRun(10_000)), Map.of())).doesNotContain("JIT compiled");
    }

    @Test
    void markdown_showsDashForAFigureARunDoesNotHave_andCountsFailedRequests() {
        Map<String, Double> run = fullRun(10_000);
        run.remove("import.rps");
        run.put("hammer.errors", 17.0);
        run.put("health.hammered.requests", 0.0);

        String md = ScaleReport.markdown(List.of(run), Map.of());

        assertThat(md).contains("| bulk import, NDJSON (events/s) | raw JDBC insert, 100 rows per commit | — |");
        assertThat(md).contains("| as recorded at, 32 clients (the hammer) | 1.50 / 7.25 (17 failed) |");
        assertThat(md).contains("| incremental verification after up to 1,000 new events, s | — |");
        assertThat(md).contains("during the hammer | no answer within the run |");
    }

    @Test
    void markdown_listsTheGcPausesOfEachLoadThatRecordedThem() {
        Map<String, Double> run = fullRun(10_000);
        run.put("proof.half.gc.count", 3.0);
        run.put("proof.half.gc.longest-ms", 41.25);
        run.put("proof.half.gc.total-ms", 60.5);

        String md = ScaleReport.markdown(List.of(run), Map.of());

        assertThat(md).contains("| inclusion proof, 8 clients paced to about half of max | 3, 41.3 / 60.5 |");
        // The latency table's row and the pauses' row; a load without pauses recorded has no row of pauses.
        assertThat(md.lines().filter(line -> line.startsWith("| inclusion proof, 8 clients paced"))).hasSize(2);
        assertThat(md.lines().filter(line -> line.startsWith("| year-over-year, live, 8 clients paced"))).hasSize(1);
    }

    @Test
    void saveAndLoad_giveBackEveryRun_orderedByEventCount(@TempDir Path dir) throws Exception {
        ScaleReport.save(fullRun(100_000), dir.resolve("scale-100000.properties"));
        ScaleReport.save(fullRun(10_000), dir.resolve("scale-10000.properties"));
        Files.writeString(dir.resolve("scale.md"), "not a run");

        List<Map<String, Double>> runs = ScaleReport.load(dir);

        assertThat(runs).containsExactly(fullRun(10_000), fullRun(100_000));
    }

    @Test
    void plots_drawAPointPerRunAndFigure_andALineWhenThereAreTwoRuns() {
        String one = ScalePlot.ratios(List.of(fullRun(10_000)));
        String two = ScalePlot.ratios(List.of(fullRun(10_000), fullRun(100_000)));
        String latency = ScalePlot.latencies(List.of(fullRun(10_000), fullRun(100_000)));

        assertThat(count(one, "<circle")).isEqualTo(ScaleReport.RATIOS.size());
        assertThat(count(one, "<polyline")).isZero();
        assertThat(count(two, "<circle")).isEqualTo(2 * ScaleReport.RATIOS.size());
        assertThat(count(two, "<polyline")).isEqualTo(ScaleReport.RATIOS.size());
        assertThat(count(latency, "<polyline")).isEqualTo(ScaleReport.LATENCIES.size());
        assertThat(two).startsWith("<svg").endsWith("</svg>\n");
    }

    @Test
    void plots_drawEveryLineInAStyleOfItsOwn() {
        for (String plot : List.of(ScalePlot.ratios(List.of(fullRun(10_000), fullRun(100_000))),
                ScalePlot.latencies(List.of(fullRun(10_000), fullRun(100_000))))) {
            List<String> lineStyles = java.util.regex.Pattern.compile(
                            "<polyline points=\"[^\"]*\" fill=\"none\" (stroke=\"[^\"]*\"(?: stroke-dasharray=\"[^\"]*\")?)")
                    .matcher(plot).results().map(m -> m.group(1)).toList();

            assertThat(lineStyles).hasSize(count(plot, "<polyline")).doesNotHaveDuplicates();
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
