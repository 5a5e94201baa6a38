package org.coalitionledger.bench;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.audit.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * How fast the coalition-views processor replays the event store, per batch size, beside the limit measured in the
 * same run: a raw JDBC scan of the event table with every payload deserialized. Also the command write rate beside a
 * raw single-row-commit insert rate. Run by hand (see docs/benchmarks.md); results go to the log and to
 * {@code --out} as Markdown, and the replay plot to {@code --svg}.
 * <p>
 * Per database: one application run fills a cleaned database through the command gateway and measures the limits;
 * then one application run per batch size (the batch size is fixed when the processor is built) resets the
 * processor and times the replay until every segment's token reaches the head of the store, several times.
 */
public final class ReplayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ReplayBenchmark.class);

    private ReplayBenchmark() {
    }

    record Options(int events, int coalitions, List<BenchDatabase> databases, List<Integer> batchSizes, int reps,
                   int warmup, int writers, int singleRowInserts, Duration replayTimeout, Path dataRoot, Path out,
                   Path svg) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
                }
                given.put(args[i].substring(2), args[++i]);
            }
            return new Options(
                    Integer.parseInt(given.getOrDefault("events", "20000")),
                    Integer.parseInt(given.getOrDefault("coalitions", "20")),
                    Arrays.stream(given.getOrDefault("db", "postgres,h2").split(",")).map(BenchDatabase::parse).toList(),
                    Arrays.stream(given.getOrDefault("batch-sizes", "1,10,50,100,250,500").split(","))
                            .map(Integer::valueOf).toList(),
                    Integer.parseInt(given.getOrDefault("reps", "3")),
                    Integer.parseInt(given.getOrDefault("warmup", "1")),
                    Integer.parseInt(given.getOrDefault("writers", "4")),
                    Integer.parseInt(given.getOrDefault("single-row-inserts", "2000")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("replay-timeout", "60"))),
                    Path.of(given.getOrDefault("data", "coalition-bench/target/bench-data")),
                    Path.of(given.getOrDefault("out", "coalition-bench/target/bench/results.md")),
                    Path.of(given.getOrDefault("svg", "coalition-bench/target/bench/replay.svg")));
        }
    }

    /** One batch size's replays: events/s per repetition, or how far a timed-out replay got. */
    record Replay(int batchSize, Stats rate, boolean timedOut, long reachedPosition, double partialRate) {
    }

    /** Everything measured on one database. */
    record DatabaseResult(BenchDatabase database, long events, Workload.WriteRates writes, Stats singleRowInsert,
                          Stats batchedInsert, Stats scan, Stats scanAndFold, List<Replay> replays) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<DatabaseResult> results = new ArrayList<>();
        for (BenchDatabase database : options.databases()) {
            results.add(run(database, options));
        }
        String markdown = Report.markdown(options, results);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), markdown);
        Files.createDirectories(options.svg().toAbsolutePath().getParent());
        Files.writeString(options.svg(), ReplayPlot.svg(results));
        log.info("Results written to {} and {}\n{}", options.out(), options.svg(), markdown);
    }

    private static DatabaseResult run(BenchDatabase database, Options options) throws Exception {
        database.ensureExists();
        int records = options.events() - 3 * options.coalitions();
        Workload.WriteRates writes;
        long events;
        Stats singleRow;
        Stats batched;
        Stats scan;
        Stats scanAndFold;
        log.info("[{}] filling a cleaned database: {} coalitions, {} records", database, options.coalitions(),
                records);
        try (RunningLedger ledger = RunningLedger.start(database, options.dataRoot(), null, true)) {
            writes = Workload.fill(ledger, records, options.coalitions(), options.writers());
            log.info("[{}] writes: {}", database, writes);
            long head = ledger.headPosition();
            // Both processors idle before anything is timed, so their catching up does not share the machine.
            ledger.awaitCaughtUp(ledger.processor(RunningLedger.VIEWS), head, Duration.ofMinutes(3));
            ledger.awaitCaughtUp(ledger.processor(RunningLedger.AUDIT), head, Duration.ofMinutes(3));

            Limits limits = new Limits(ledger.dataSource(), database);
            events = limits.eventCount();
            StoredEvent shape = limits.sampleRow();
            singleRow = repeat(options, "single-row insert", () -> limits.insertRate(shape,
                    options.singleRowInserts(), 1));
            batched = repeat(options, "batched insert", () -> limits.insertRate(shape, (int) events, 100));
            scan = repeat(options, "scan + deserialize", () -> limits.scanRate(false));
            scanAndFold = repeat(options, "scan + deserialize + fold", () -> limits.scanRate(true));
            log.info("[{}] {} events; insert 1/commit {}, 100/commit {}; scan {}; scan+fold {}", database, events,
                    singleRow.format(), batched.format(), scan.format(), scanAndFold.format());
        }
        List<Replay> replays = new ArrayList<>();
        for (int batchSize : options.batchSizes()) {
            replays.add(replay(database, options, batchSize, events));
        }
        return new DatabaseResult(database, events, writes, singleRow, batched, scan, scanAndFold, replays);
    }

    private static Replay replay(BenchDatabase database, Options options, int batchSize, long events)
            throws InterruptedException {
        try (RunningLedger ledger = RunningLedger.start(database, options.dataRoot(), batchSize, false)) {
            StreamingEventProcessor views = ledger.processor(RunningLedger.VIEWS);
            long head = ledger.headPosition();
            try {
                ledger.awaitCaughtUp(views, head, options.replayTimeout());
            } catch (TimeoutException e) {
                throw new IllegalStateException("coalition-views did not catch up before the replays", e);
            }
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < options.warmup() + options.reps(); run++) {
                views.shutDown();
                views.resetTokens();
                long start = System.nanoTime();
                views.start();
                try {
                    long end = ledger.awaitCaughtUp(views, head, options.replayTimeout());
                    double rate = events / ((end - start) / 1e9);
                    log.info("[{}] batch size {} run {}{}: {} events/s", database, batchSize, run + 1,
                            run < options.warmup() ? " (warm-up)" : "", String.format("%,.0f", rate));
                    if (run >= options.warmup()) {
                        rates.add(rate);
                    }
                } catch (TimeoutException e) {
                    long reached = RunningLedger.lowestPosition(views);
                    double partial = Math.max(0, reached) / ((System.nanoTime() - start) / 1e9);
                    log.info("[{}] batch size {}: not caught up after {}, at position {} of {} ({} events/s so far);"
                            + " segments {}", database, batchSize, options.replayTimeout(), reached, head,
                            String.format("%,.0f", partial), RunningLedger.describe(views));
                    return new Replay(batchSize, rates.isEmpty() ? null : Stats.of(rates), true, reached, partial);
                }
            }
            return new Replay(batchSize, Stats.of(rates), false, head, 0);
        }
    }

    @FunctionalInterface
    private interface Measurement {
        double rate() throws Exception;
    }

    private static Stats repeat(Options options, String name, Measurement measurement) throws Exception {
        for (int i = 0; i < options.warmup(); i++) {
            measurement.rate();
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < options.reps(); i++) {
            rates.add(measurement.rate());
        }
        return Stats.of(rates);
    }

    static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        return machine;
    }

}
