package org.coalitionledger.bench;

import java.util.List;
import java.util.Map;

/** The results as Markdown tables, pasted into docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static String markdown(ReplayBenchmark.Options options, List<ReplayBenchmark.DatabaseResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ");
        for (Map.Entry<String, String> e : ReplayBenchmark.machine().entrySet()) {
            md.append(e.getKey()).append(" ").append(e.getValue()).append("; ");
        }
        md.append(String.format("%nRun: %d coalitions, %d writers, %d warm-up + %d measured repetitions, replay "
                + "timeout %s.%n", options.coalitions(), options.writers(), options.warmup(), options.reps(),
                options.replayTimeout()));
        for (ReplayBenchmark.DatabaseResult r : results) {
            double limit = r.scan().median();
            md.append(String.format("%n### %s: %,d events%n%n", r.database().label(), r.events()));
            md.append("| limit (same run) | rows/s, median (min–max) |\n|---|---|\n");
            md.append(String.format("| raw JDBC insert, 1 row per commit | %s |%n", r.singleRowInsert().format()));
            md.append(String.format("| raw JDBC insert, 100 rows per commit | %s |%n", r.batchedInsert().format()));
            md.append(String.format("| raw scan + payload deserialization (**the replay limit**) | %s |%n",
                    r.scan().format()));
            md.append(String.format("| raw scan + deserialization + in-memory fold | %s |%n",
                    r.scanAndFold().format()));
            var w = r.writes();
            md.append("\n| writes through the CommandGateway | commands/s | ratio to 1-row-commit insert |\n"
                    + "|---|---|---|\n");
            md.append(String.format("| 1 client, %,d commands | %,.0f | %.2f |%n", w.sequentialCommands(),
                    w.sequentialRate(), w.sequentialRate() / r.singleRowInsert().median()));
            md.append(String.format("| %d clients, %,d commands | %,.0f | %.2f |%n", w.writers(),
                    w.concurrentCommands(), w.concurrentRate(), w.concurrentRate() / r.singleRowInsert().median()));
            md.append("\n| coalition-views batch size | replay events/s, median (min–max) | ratio to raw scan |\n"
                    + "|---|---|---|\n");
            for (ReplayBenchmark.Replay replay : r.replays()) {
                if (replay.timedOut()) {
                    md.append(String.format("| %d | not caught up in %s: %,.0f so far (position %,d) | ≤ %.3f |%n",
                            replay.batchSize(), options.replayTimeout(), replay.partialRate(),
                            replay.reachedPosition(), replay.partialRate() / limit));
                } else {
                    md.append(String.format("| %d | %s | %.3f |%n", replay.batchSize(), replay.rate().format(),
                            replay.rate().median() / limit));
                }
            }
        }
        return md.toString();
    }
}
