package org.coalitionledger.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark at scale (docs/benchmarks.md, "At scale"): for each event count N, on a fresh PostgreSQL database,
 * the application runs as its own process (the built jar) and wrk drives HTTP load in another. Measured: HTTP
 * ingest (8 clients), bulk import, the views rebuild, year-over-year live / as recorded at / as of a checkpoint, an
 * event-history page, inclusion proofs, full verification, {@code /actuator/health} while 32 clients hammer the
 * most expensive partner view, and the peak heap; each beside its limit measured in the same run (raw JDBC
 * inserts one row per commit and 100 per commit, raw scan + deserialisation, raw scan + SHA-256, a static file
 * from the same server). Each N's figures go to {@code <out>/scale-<N>.properties}; the Markdown tables and
 * SVG plots are written from every such file present, so sizes can be run one at a time.
 * <p>
 * {@code --report-only} writes the tables and plots again from the figures in {@code --out}. {@code --profile}
 * instead records flight recordings (JFR) of the server during HTTP ingest, a bulk import, a views rebuild and full
 * verifications, and writes the hot methods to {@code <out>/profile.md}.
 */
public final class ScaleBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ScaleBenchmark.class);
    static final String DEFAULT_DATABASE = "coalition_bench_scale";
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String C = "/api/v1/coalitions";
    /** The limit for reads: a static file of the same server (health stalls on reused connections: README). */
    private static final String STATIC = "/dashboard/api.js";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScaleBenchmark() {
    }

    record Options(List<Long> sizes, int coalitions, int seconds, int warmUpSeconds, int ingestSeconds,
                   int importClients, int importChunk, int reps, Path jar, Path out, List<String> appArgs,
                   String viewsProcessor,
                   boolean profile, boolean reportOnly, String label, String database,
                   boolean targetHeapOnly, boolean readsOnly, boolean rebuildOnly, boolean verificationOnly,
                   boolean plansOnly) {

        Options withJar(Path other) {
            return new Options(sizes, coalitions, seconds, warmUpSeconds, ingestSeconds, importClients, importChunk,
                    reps, other, out, appArgs, viewsProcessor, profile, reportOnly, label, database, targetHeapOnly,
                    readsOnly, rebuildOnly, verificationOnly, plansOnly);
        }

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            boolean quick = false;
            boolean profile = false;
            boolean reportOnly = false;
            boolean targetHeapOnly = false;
            boolean readsOnly = false;
            boolean rebuildOnly = false;
            boolean verificationOnly = false;
            boolean plansOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--profile" -> profile = true;
                    case "--report-only" -> reportOnly = true;
                    case "--target-heap-only" -> targetHeapOnly = true;
                    case "--reads-only" -> readsOnly = true;
                    case "--rebuild-only" -> rebuildOnly = true;
                    case "--verification-only" -> verificationOnly = true;
                    case "--plans-only" -> plansOnly = true;
                    default -> {
                        if (!args[i].startsWith("--") || i + 1 >= args.length) {
                            throw new IllegalArgumentException("expected --quick, --profile, --report-only, "
                                    + "--target-heap-only, --reads-only, --rebuild-only, --verification-only, "
                                    + "--plans-only or "
                                    + "--name value pairs, got "
                                    + Arrays.toString(args));
                        }
                        given.put(args[i].substring(2), args[++i]);
                    }
                }
            }
            String sizes = given.getOrDefault("events", quick ? "10000" : "10000,100000,1000000");
            return new Options(Arrays.stream(sizes.split(",")).map(Long::valueOf).toList(),
                    Integer.parseInt(given.getOrDefault("coalitions", "10")),
                    Integer.parseInt(given.getOrDefault("seconds", quick ? "10" : "20")),
                    Integer.parseInt(given.getOrDefault("warm-up", "0")),
                    Integer.parseInt(given.getOrDefault("ingest-seconds", quick ? "20" : "30")),
                    Integer.parseInt(given.getOrDefault("import-clients", "4")),
                    Integer.parseInt(given.getOrDefault("import-chunk", "500")),
                    Integer.parseInt(given.getOrDefault("reps", "3")),
                    Path.of(given.getOrDefault("jar", "coalition-web/target/coalition-ledger.jar")),
                    Path.of(given.getOrDefault("out", "coalition-bench/target/bench")),
                    given.containsKey("app-args") ? List.of(given.get("app-args").split("\\s+")) : List.of(),
                    given.getOrDefault("views-processor", "coalition-views"),
                    profile, reportOnly, given.getOrDefault("label", ""), given.getOrDefault("database", DEFAULT_DATABASE),
                    targetHeapOnly, readsOnly, rebuildOnly, verificationOnly, plansOnly);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.reportOnly()) {
            writeReport(options);
            return;
        }
        if (!Wrk.installed()) {
            throw new IllegalStateException("wrk is not installed: apt-get install wrk (coalition-bench/run does)");
        }
        Files.createDirectories(options.out());
        // The servers run a copy of the jar: a build during the run (it may take hours) rewrites the original under
        // them, and a running JVM whose jar changes fails on its next class load.
        Path jar = options.out().resolve("coalition-ledger.jar");
        Files.copy(options.jar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Options run = options.withJar(jar);
        Wrk wrk = new Wrk(options.out());
        if (options.profile() && !options.verificationOnly()) {
            profile(run, wrk);
            return;
        }
        if (options.targetHeapOnly() || options.readsOnly() || options.rebuildOnly() || options.verificationOnly()
                || options.plansOnly()) {
            // Step 9, the reads of step 6, the rebuild of step 7, the full verification or the statements' plans
            // of step 5, alone, on the database
            // and data folder a run of one size left (one size: one database); the figures replace that run's.
            for (long n : options.sizes()) {
                Path file = options.out().resolve("scale-" + n + ".properties");
                Map<String, Double> figures = new HashMap<>(ScaleReport.load(options.out()).stream()
                        .filter(r -> r.get(ScaleReport.N) == n).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + file)));
                Path dir = options.out().resolve("run-" + n);
                if (options.readsOnly()) {
                    readsAgain(run, wrk, n, dir, figures);
                } else if (options.rebuildOnly()) {
                    rebuildAgain(run, n, dir, figures);
                } else if (options.verificationOnly()) {
                    verifyAgain(run, n, dir, figures);
                } else if (options.plansOnly()) {
                    plansAgain(run, n, figures);
                } else {
                    verifyInTargetHeap(run, n, dir, figures);
                }
                ScaleReport.save(figures, file);
            }
            writeReport(options);
            return;
        }
        for (long n : options.sizes()) {
            Map<String, Double> figures = run(run, wrk, n);
            ScaleReport.save(figures, options.out().resolve("scale-" + n + ".properties"));
            writeReport(options);
        }
    }

    static void writeReport(Options options) throws IOException {
        List<Map<String, Double>> runs = ScaleReport.load(options.out());
        String markdown = ScaleReport.markdown(runs, ReplayBenchmark.machine());
        Files.writeString(options.out().resolve("scale.md"), markdown);
        Files.writeString(options.out().resolve("scale-ratios.svg"), ScalePlot.ratios(runs));
        Files.writeString(options.out().resolve("scale-latency.svg"), ScalePlot.latencies(runs));
        log.info("Report written to {}:\n{}", options.out().resolve("scale.md"), markdown);
    }

    /** One event count: fill a fresh database, then measure every figure and its limit. */
    static Map<String, Double> run(Options options, Wrk wrk, long n) throws Exception {
        Map<String, Double> f = new HashMap<>();
        long started = System.nanoTime();
        f.put(ScaleReport.N, (double) n);
        f.put("load.start", loadAverage());
        recreateDatabase(options.database());
        Path dir = options.out().resolve("run-" + n);
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application.log"), List.of("-Xmx2g"), appArgs(options));
             HeapSampler heap = new HeapSampler(ledger)) {
            var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
            Limits limits = new Limits(owner, BenchDatabase.POSTGRES);
            foundCoalitions(ledger, options.coalitions());

            log.info("N={}: HTTP ingest, 8 clients, {} s", n, options.ingestSeconds());
            double cpu = ledger.cpuSeconds();
            WrkResult ingest = wrk.run(ledger.baseUrl(), "takedowns.lua", 2, 8, options.ingestSeconds(),
                    LedgerProcess.ADMIN, "ingest", String.valueOf(options.coalitions()));
            putLoad(f, "ingest", ingest);
            f.put("ingest.cpu.ms", cpuMillisPer(ledger, cpu, ingest.requests() - ingest.non2xx()));

            long stored = limits.eventCount();
            log.info("N={}: {} events stored; bulk import of the rest", n, stored);
            if (stored < n) {
                cpu = ledger.cpuSeconds();
                double rate = bulkImport(ledger, options, 0, n - stored);
                f.put("import.rps", rate);
                f.put("import.cpu.ms", cpuMillisPer(ledger, cpu, n - stored));
            }
            long events = limits.eventCount();
            f.put(ScaleReport.EVENTS, (double) events);
            heap.startPhase();
            awaitLog(ledger, events);
            awaitViews(owner, options.viewsProcessor(), headPosition(owner));
            f.put("snapshots.catchup.seconds", timed(() -> {
                awaitSnapshots(owner);
                return null;
            }).seconds());
            analyze(owner);
            long treeSize = signCheckpoint(ledger);
            Instant recordedAt = Instant.now();
            f.put("historic.leaves-after", (double) leavesAfterLatestSnapshot(owner, "bench-0"));

            log.info("N={}: limits", n);
            var sample = limits.sampleRow();
            f.put("limit.insert.single", median(options.reps(), () -> limits.insertRate(sample, 2000, 1)));
            f.put("limit.insert.batched", median(options.reps(), () -> limits.insertRate(sample, 20000, 100)));
            f.put("limit.scan.deser", median(options.reps(), () -> limits.scanRate(false)));
            f.put("limit.scan.sha256", median(options.reps(), limits::scanHashRate));
            log.info("N={}: the log's statements as PostgreSQL plans them", n);
            StatementPlans.measure(owner, options.reps(), f);

            reads(ledger, wrk, options, n, events, treeSize, recordedAt, f);

            log.info("N={}: full verification", n);
            heap.startPhase();
            cpu = ledger.cpuSeconds();
            double verifySeconds = fullVerificationSeconds(ledger);
            f.put("verify.cpu.ms", cpuMillisPer(ledger, cpu, events));
            f.put("verify.full.seconds", verifySeconds);
            f.put("verify.full.rps", events / verifySeconds);
            f.put("heap.verify.mib", heap.phasePeakMiB());

            // Incremental verification: what followed the clean full verification above, a tenth of N at most.
            long more = Math.min(1_000, Math.max(1, n / 10));
            log.info("N={}: {} more events, then incremental verification", n, more);
            bulkImport(ledger, options, n, more);
            events = limits.eventCount();
            awaitLog(ledger, events);
            Timed<HttpResponse<String>> timedIncremental = timed(() -> ledger.get(
                    "/api/v1/audit/verification?incremental=true", LedgerProcess.AUDITOR));
            var incremental = timedIncremental.value();
            if (incremental.statusCode() != 200) {
                throw new IllegalStateException("incremental verification answered " + incremental.statusCode()
                        + ": " + incremental.body());
            }
            f.put("verify.incremental.seconds", timedIncremental.seconds());
            f.put("verify.incremental.events", (double) more);

            log.info("N={}: views rebuild", n);
            heap.startPhase();
            double rebuildSeconds = rebuildSeconds(ledger, owner, options, "timed");
            f.put("rebuild.seconds", rebuildSeconds);
            f.put("rebuild.rps", events / rebuildSeconds);
            f.put("heap.rebuild.mib", heap.phasePeakMiB());
            f.put("heap.peak.mib", heap.peakMiB());
        }
        verifyInTargetHeap(options, n, dir, f);
        f.put("load.end", loadAverage());
        f.put("run.seconds", (System.nanoTime() - started) / 1e9);
        return f;
    }

    /**
     * Step 6: the reads, each beside the static file read in the same minute, then the probes under the hammer. The
     * views as recorded at {@code recordedAt} and as of the checkpoint of {@code treeSize} are those of bench-0.
     */
    private static void reads(LedgerProcess ledger, Wrk wrk, Options options, long n, long events, long treeSize,
                              Instant recordedAt, Map<String, Double> f) throws Exception {
        log.info("N={}: reads, {} s each", n, options.seconds());
        String url = ledger.baseUrl();
        int s = options.seconds();
        String yoy = C + "/bench-0/year-over-year";
        String recorded = yoy + "?recordedAt=" + recordedAt;
        putLoad(f, "static", read(wrk, options, url, LedgerProcess.PARTNER, STATIC));
        WrkResult live = read(wrk, options, url, LedgerProcess.PARTNER, yoy);
        putLoad(f, "yoy.live", live);
        paced(ledger, wrk, s, "yoy.live", live, f, LedgerProcess.PARTNER, yoy);
        putLoad(f, "yoy.recorded", read(wrk, options, url, LedgerProcess.PARTNER, recorded));
        putLoad(f, "yoy.checkpoint", read(wrk, options, url, LedgerProcess.PARTNER,
                yoy + "?asOfCheckpoint=" + treeSize));
        putLoad(f, "history", read(wrk, options, url, LedgerProcess.AUDITOR,
                C + "/bench-0/events?limit=100&after=" + events / 2));
        String proof = "/api/v1/audit/proofs/inclusion?leaf={r}";
        WrkResult proofs = read(wrk, options, url, LedgerProcess.AUDITOR, proof, String.valueOf(treeSize));
        putLoad(f, "proof", proofs);
        paced(ledger, wrk, s, "proof", proofs, f, LedgerProcess.AUDITOR, proof, String.valueOf(treeSize));

        log.info("N={}: /actuator/health while {} threads of this process spin, the server idle", n,
                HISTORIC_VIEWS_AT_ONCE);
        putLoad(f, "health.spinning", CpuSpin.during(HISTORIC_VIEWS_AT_ONCE, () -> wrk.run(ledger.managementUrl(),
                "get.lua", 1, 1, s, LedgerProcess.PARTNER, "/actuator/health", "1", "close")));

        log.info("N={}: /actuator/health while 32 clients ask for the view as recorded at", n);
        CompletableFuture<WrkResult> hammer = wrk.start(url, "get.lua", 2, 32, s + 2, LedgerProcess.PARTNER,
                recorded);
        Thread.sleep(1000);
        WrkResult health = withGcPauses(ledger, f, "health.hammered", () -> wrk.run(ledger.managementUrl(),
                "get.lua", 1, 1, s, LedgerProcess.PARTNER, "/actuator/health", "1", "close"));
        putLoad(f, "hammer", hammer.join());
        putLoad(f, "health.hammered", health);
    }

    /**
     * Runs a latency load and records the garbage collector's pauses while it ran, under {@code <key>.gc.count},
     * {@code .longest-ms} and {@code .total-ms}: what stopped every request in flight at once.
     */
    private static WrkResult withGcPauses(LedgerProcess ledger, Map<String, Double> f, String key,
                                          Callable<WrkResult> load) throws Exception {
        Instant from = Instant.now();
        WrkResult result = load.call();
        GcPauses pauses = ledger.gcPauses(from, Instant.now());
        f.put(key + ".gc.count", (double) pauses.count());
        f.put(key + ".gc.longest-ms", pauses.longest());
        f.put(key + ".gc.total-ms", pauses.total());
        return result;
    }

    /**
     * The load {@code max} measured, again at about half of its rate: the targets' "p99 at half of max". A request is
     * quicker at the lower rate than at full load, so a short run at the pause the full load gives measures that, and
     * the pause is set again from it. Figures under {@code <key>.half}; the static file at the same pause, the limit,
     * under {@code <key>.half.static}.
     */
    private static void paced(LedgerProcess ledger, Wrk wrk, int seconds, String key, WrkResult max,
                              Map<String, Double> f, String token, String... pathAndBound) throws Exception {
        String url = ledger.baseUrl();
        double half = max.successesPerSecond() / 2;
        WrkResult calibration = wrk.run(url, "paced.lua", 2, READ_CONNECTIONS, PACING_SECONDS,
                pacedArgs(pauseMillis(READ_CONNECTIONS, half, max.p50Millis()), token, pathAndBound));
        long pause = pauseMillis(READ_CONNECTIONS, half, calibration.p50Millis());
        f.put(key + ".half.pause-ms", (double) pause);
        f.put(key + ".half.max", max.successesPerSecond());
        putLoad(f, key + ".half", withGcPauses(ledger, f, key + ".half", () -> wrk.run(url, "paced.lua", 2,
                READ_CONNECTIONS, seconds, pacedArgs(pause, token, pathAndBound))));
        // Its limit: the static file at the same pause, what this machine gives the simplest answer at that rate.
        putLoad(f, key + ".half.static", withGcPauses(ledger, f, key + ".half.static", () -> wrk.run(url,
                "paced.lua", 2, READ_CONNECTIONS, seconds, pacedArgs(pause, token, STATIC))));
    }

    /** paced.lua's arguments: the pause, then get.lua's. */
    static String[] pacedArgs(long pauseMillis, String token, String... pathAndBound) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(pauseMillis), token));
        args.addAll(List.of(pathAndBound));
        return args.toArray(String[]::new);
    }

    /** Connections of each read load of step 6. */
    static final int READ_CONNECTIONS = 8;
    /** Seconds of the run that measures a request's latency at the paced rate. */
    private static final int PACING_SECONDS = 5;

    /**
     * The pause before each request on each of {@code connections} that holds about {@code rate} requests per second
     * when a request takes {@code latencyMillis}: each connection then sends one every {@code connections / rate}
     * seconds. With a latency measured at a rate no lower than the one asked (a request is no quicker there), the
     * rate reached is at or a little above it.
     */
    static long pauseMillis(int connections, double rate, double latencyMillis) {
        if (rate <= 0) {
            throw new IllegalArgumentException("no rate to hold: " + rate);
        }
        return Math.max(0, Math.round(connections * 1000 / rate - latencyMillis));
    }

    /**
     * One read load of step 6: 8 connections for {@code --seconds}, after {@code --warm-up} seconds of the same load
     * whose figures are dropped (a server just started answers its first requests of a path slowly while the JIT
     * compiles it; with no warm-up those are part of the figures).
     */
    private static WrkResult read(Wrk wrk, Options options, String url, String token, String... pathAndBound)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(token));
        args.addAll(List.of(pathAndBound));
        if (options.warmUpSeconds() > 0) {
            wrk.run(url, "get.lua", 2, READ_CONNECTIONS, options.warmUpSeconds(), args.toArray(String[]::new));
        }
        return wrk.run(url, "get.lua", 2, READ_CONNECTIONS, options.seconds(), args.toArray(String[]::new));
    }

    /**
     * Step 6 again on what a run left: the ledger restarted on its database, the fold snapshots caught up, the views
     * as recorded now and as of the latest checkpoint.
     */
    static void readsAgain(Options options, Wrk wrk, long n, Path dir, Map<String, Double> f) throws Exception {
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application-reads.log"), List.of("-Xmx2g"), appArgs(options))) {
            var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
            long events = new Limits(owner, BenchDatabase.POSTGRES).eventCount();
            awaitLog(ledger, events);
            awaitSnapshots(owner);
            analyze(owner);
            long treeSize = signCheckpoint(ledger);
            reads(ledger, wrk, options, n, events, treeSize, Instant.now(), f);
        }
    }

    /**
     * The views rebuild alone, on the ledger a run left: the scan's limit and the rebuild, each the median of
     * {@code --reps} runs in the same minutes, so builds can be compared on one large ledger without filling it again.
     */
    static void rebuildAgain(Options options, long n, Path dir, Map<String, Double> f) throws Exception {
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application-rebuild.log"), List.of("-Xmx2g"), appArgs(options));
             HeapSampler heap = new HeapSampler(ledger)) {
            var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
            Limits limits = new Limits(owner, BenchDatabase.POSTGRES);
            long events = limits.eventCount();
            awaitLog(ledger, events);
            awaitViews(owner, options.viewsProcessor(), headPosition(owner));
            log.info("N={}: the scan's limit and the views rebuild, {} times each", n, options.reps());
            f.put("limit.scan.deser", median(options.reps(), () -> limits.scanRate(false)));
            heap.startPhase();
            double seconds = median(options.reps(), () -> rebuildSeconds(ledger, owner, options, "timed again"));
            f.put("rebuild.seconds", seconds);
            f.put("rebuild.rps", events / seconds);
            f.put("heap.rebuild.mib", heap.phasePeakMiB());
        }
    }

    /**
     * Full verification alone, on the ledger a run left, its log and fold snapshots caught up: the limit (scan +
     * SHA-256) and the verification after one untimed, each the median of {@code --reps} runs in the same minutes,
     * and the server's CPU per event verified, so builds can be compared on one large ledger without filling it again.
     * With {@code --profile}, a flight recording of the timed verifications, summarised into
     * {@code profile-verification-<N>.md} ({@link JfrSummary}).
     */
    static void verifyAgain(Options options, long n, Path dir, Map<String, Double> f) throws Exception {
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application-verification.log"), List.of("-Xmx2g"), appArgs(options));
             HeapSampler heap = new HeapSampler(ledger)) {
            var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
            Limits limits = new Limits(owner, BenchDatabase.POSTGRES);
            long events = limits.eventCount();
            awaitLog(ledger, events);
            awaitSnapshots(owner);
            log.info("N={}: the scan's limit and the full verification, {} times each", n, options.reps());
            f.put("limit.scan.sha256", median(options.reps(), limits::scanHashRate));
            // One verification first, not timed: a server just started runs its first one while the JIT compiles it
            // (about 2.5 times as long at 100,000 events), which the comparison of two builds is not about.
            fullVerificationSeconds(ledger);
            heap.startPhase();
            Path recording = dir.resolve("verification.jfr").toAbsolutePath();
            if (options.profile()) {
                jcmd(ledger.pid(), "JFR.start", "name=verification", "settings=profile");
            }
            double cpu = ledger.cpuSeconds();
            double seconds = median(options.reps(), () -> fullVerificationSeconds(ledger));
            // The server's CPU time, less sensitive than the wall clock to what else the machine runs.
            f.put("verify.cpu.ms", cpuMillisPer(ledger, cpu, events * options.reps()));
            if (options.profile()) {
                jcmd(ledger.pid(), "JFR.stop", "name=verification", "filename=" + recording);
                Path summary = options.out().resolve("profile-verification-" + n + ".md");
                Files.writeString(summary, String.format(java.util.Locale.ROOT, "## Full verification at N = %,d%n%n"
                        + "%d full verifications of %,d events, one after the other, recorded (median %.1f s, server "
                        + "CPU per event %.3f ms).%n%n", n, options.reps(), events, seconds, f.get("verify.cpu.ms"))
                        + JfrSummary.markdown(recording, null, 15));
                log.info("Profile written to {}", summary);
            }
            f.put("verify.full.seconds", seconds);
            f.put("verify.full.rps", events / seconds);
            f.put("heap.verify.mib", heap.phasePeakMiB());
        }
    }

    /**
     * The log's statements over a range, as PostgreSQL plans them ({@link StatementPlans}), on the database a run
     * left, with its statistics taken again; no server runs.
     */
    static void plansAgain(Options options, long n, Map<String, Double> f) throws Exception {
        var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
        analyze(owner);
        log.info("N={}: the log's statements as PostgreSQL plans them, {} times each", n, options.reps());
        StatementPlans.measure(owner, options.reps(), f);
    }

    /**
     * Seconds one full verification takes; it must answer 200, clean. One sent just after another's answer may find
     * that one's admission slot not yet freed ({@code 429}): it is sent again after the server's {@code Retry-After},
     * as {@link LedgerProcess#postOkRetrying} does, the refusal and the wait not timed.
     */
    private static double fullVerificationSeconds(LedgerProcess ledger) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Timed<HttpResponse<String>> timed = timed(() -> ledger.get("/api/v1/audit/verification",
                    LedgerProcess.AUDITOR));
            HttpResponse<String> answer = timed.value();
            long pause = LedgerProcess.retryPauseMillis(answer, attempt);
            if (pause >= 0) {
                Thread.sleep(pause);
                continue;
            }
            if (answer.statusCode() != 200 || !answer.body().contains("\"clean\":true")) {
                throw new IllegalStateException("verification answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            log.info("full verification: {} s", timed.seconds());
            return timed.seconds();
        }
    }

    /** Signs a checkpoint of the whole log; its tree size. */
    private static long signCheckpoint(LedgerProcess ledger) throws Exception {
        String checkpoint = ledger.postOk("/api/v1/audit/checkpoints", LedgerProcess.ADMIN, "application/json", "");
        return Long.parseLong(find(checkpoint, "\"treeSize\"\\s*:\\s*(\\d+)"));
    }

    /** The heap the target allows a full verification. */
    static final String TARGET_HEAP = "-Xmx512m";

    /**
     * Full verification again, the same ledger restarted with the heap the target allows ({@value #TARGET_HEAP}):
     * whether it fits is what the used heap sampled under 2 GiB (garbage counted) cannot show. A verification that
     * fails (out of memory, the process gone) is recorded as such; the run's other figures are kept.
     */
    static void verifyInTargetHeap(Options options, long n, Path dir, Map<String, Double> f) {
        log.info("N={}: full verification in a server started with {}", n, TARGET_HEAP);
        f.put("verify.target-heap.clean", 0.0);
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application-target-heap.log"), List.of(TARGET_HEAP), appArgs(options));
             HeapSampler heap = new HeapSampler(ledger)) {
            heap.startPhase();
            Timed<HttpResponse<String>> timed = timed(() -> ledger.get("/api/v1/audit/verification",
                    LedgerProcess.AUDITOR));
            var verification = timed.value();
            double seconds = timed.seconds();
            if (verification.statusCode() != 200) {
                log.warn("verification with {} answered {}: {}", TARGET_HEAP, verification.statusCode(),
                        verification.body());
                return;
            }
            long treeSize = Long.parseLong(find(verification.body(), "\"treeSize\"\\s*:\\s*(\\d+)"));
            f.put("verify.target-heap.clean", verification.body().contains("\"clean\":true") ? 1.0 : 0.0);
            f.put("verify.target-heap.seconds", seconds);
            f.put("verify.target-heap.rps", treeSize / seconds);
            f.put("heap.verify.target-heap.mib", heap.phasePeakMiB());
        } catch (Exception e) {
            log.warn("verification with {} failed", TARGET_HEAP, e);
        }
    }

    /** Views as recorded at or as of a checkpoint the benchmark's server computes at once (its admission limit). */
    static final int HISTORIC_VIEWS_AT_ONCE = 16;

    /**
     * The application's settings for a run: the admission limits per credential raised to the harness's own
     * concurrency (every load runs under one bootstrap credential, and a benchmark measures what the machine does,
     * not the per-person share), the historic reads' limits to twice the 8 read clients (a request's slot is freed
     * just after its answer, when wrk already sends the next), verification given an hour; the 32-client hammer still
     * meets admission control as a crowd of partners would. {@code --app-args} come last and replace a setting of
     * the same name (Spring Boot joins a setting given twice on the command line into a list).
     */
    static List<String> appArgs(Options options) {
        int importers = Math.max(2, options.importClients());
        List<String> args = new ArrayList<>(List.of(
                "--coalition.web.limits.imports.total=" + importers,
                "--coalition.web.limits.imports.per-credential=" + importers,
                "--coalition.web.limits.historic-views.total=" + HISTORIC_VIEWS_AT_ONCE,
                "--coalition.web.limits.historic-views.per-credential=" + HISTORIC_VIEWS_AT_ONCE,
                "--coalition.web.limits.historic-views.time-budget=PT30S",
                "--coalition.web.limits.event-history.total=16",
                "--coalition.web.limits.event-history.per-credential=16",
                "--coalition.web.limits.event-history.time-budget=PT2M",
                "--coalition.web.limits.verification.total=2",
                "--coalition.web.limits.verification.per-credential=1",
                "--coalition.web.limits.verification.time-budget=PT1H"));
        for (String given : options.appArgs()) {
            String name = given.split("=", 2)[0];
            args.removeIf(arg -> arg.split("=", 2)[0].equals(name));
            args.add(given);
        }
        return args;
    }

    /**
     * Records {@code count} takedown batches (ids from {@code from}) by NDJSON imports, several clients, one
     * coalition per request; events/s.
     */
    private static double bulkImport(LedgerProcess ledger, Options options, long from, long count)
            throws Exception {
        AtomicLong next = new AtomicLong(from);
        long end = from + count;
        ExecutorService clients = Executors.newFixedThreadPool(options.importClients());
        long start = System.nanoTime();
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < options.importClients(); c++) {
                done.add(clients.submit(() -> {
                    long recorded = 0;
                    while (true) {
                        long first = next.getAndAdd(options.importChunk());
                        if (first >= end) {
                            return recorded;
                        }
                        long last = Math.min(end, first + options.importChunk());
                        String coalition = "bench-" + (first / options.importChunk()) % options.coalitions();
                        StringBuilder body = new StringBuilder();
                        for (long i = first; i < last; i++) {
                            body.append(importLine(coalition, i)).append('\n');
                        }
                        String report = ledger.postOkRetrying(C + "/" + coalition + "/imports", LedgerProcess.ADMIN,
                                "application/x-ndjson", body.toString());
                        if (!report.contains("\"rejected\":0")) {
                            throw new IllegalStateException("import rejected lines: " + report.substring(0,
                                    Math.min(2000, report.length())));
                        }
                        recorded += last - first;
                    }
                }));
            }
            long recorded = 0;
            for (Future<Long> f : done) {
                recorded += f.get();
            }
            return recorded / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }

    static String importLine(String coalition, long i) {
        long year = 2001 + i % 24;
        return "{\"command\":\"RecordTakedownBatch\",\"payload\":{\"coalitionId\":\"" + coalition
                + "\",\"batchId\":\"import-" + i + "\",\"reporter\":{\"type\":\"NGO\",\"memberId\":null,\"name\":"
                + "\"Bench NGO\"},\"periodStart\":\"" + year + "-01-01\",\"periodEnd\":\"" + year + "-12-31\","
                + "\"listingsRemoved\":" + (1 + i % 1000) + ",\"adsBlocked\":" + i % 100 + ",\"accountsRemoved\":"
                + i % 10 + ",\"categories\":[\"ivory\"],\"scope\":\"global\",\"source\":\"coalition-bench\"}}";
    }

    private static void foundCoalitions(LedgerProcess ledger, int coalitions) throws Exception {
        for (int c = 0; c < coalitions; c++) {
            ledger.postOk(C, LedgerProcess.ADMIN, "application/json", "{\"coalitionId\":\"bench-" + c
                    + "\",\"name\":\"Bench coalition " + c + "\",\"foundedOn\":\"2000-01-01\",\"convenors\":"
                    + "[\"WWF\"],\"foundingMembers\":[{\"memberId\":\"acme\",\"name\":\"Acme\",\"country\":\"US\","
                    + "\"region\":\"North America\",\"sector\":\"e-commerce\"}],\"goal\":{\"goalId\":\"reduce-80\","
                    + "\"description\":\"Reduce trafficking online by 80%\",\"metric\":\"ONLINE_TRAFFICKING\","
                    + "\"baseline\":null,\"targetReductionPercent\":80,\"deadline\":\"2030-12-31\"}}");
        }
    }

    /**
     * How long a wait for the log or the views may go without progress before the run fails: a stuck processor
     * fails the run, naming what stalled, instead of waiting for ever; slow progress at a million events is fine.
     */
    static final Duration STALL_LIMIT = Duration.ofMinutes(5);

    /** Waits until the log holds every stored event (its tree size, from the auditor's leaves page). */
    private static void awaitLog(LedgerProcess ledger, long events) throws Exception {
        Progress progress = new Progress("the audit log's tree size", events, STALL_LIMIT);
        while (true) {
            String page = ledger.get("/api/v1/audit/leaves?start=0&end=0", LedgerProcess.AUDITOR).body();
            if (progress.reached(Long.parseLong(find(page, "\"treeSize\"\\s*:\\s*(\\d+)")))) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Coalition leaves between fold snapshots ({@code coalition.audit.fold-snapshot-interval}): the application's
     * default, which the harness keeps.
     */
    static final int SNAPSHOT_INTERVAL = 100;

    /** A leaf {@code c} of the coalition index that follows its coalition's latest fold snapshot. */
    private static final String AFTER_LATEST_SNAPSHOT = "c.leaf_index > coalesce((select max(s.leaf_index) from "
            + "coalition_fold_snapshot s where s.coalition_id = c.coalition_id), -1)";

    /**
     * Waits until the fold snapshot writer has caught up: no coalition has {@value #SNAPSHOT_INTERVAL} or more logged
     * leaves after its latest snapshot. Views as recorded at an instant fold the leaves after the nearest one, so
     * they are measured with the writer caught up; how long it took after the log is a figure of its own.
     */
    private static void awaitSnapshots(DriverManagerDataSource owner) throws Exception {
        Progress progress = new Progress("the leaves the fold snapshots cover", 0, STALL_LIMIT);
        while (!progress.reached(-leavesBehindSnapshots(owner))) {
            Thread.sleep(500);
        }
    }

    /**
     * The planner's statistics of the tables just filled, as PostgreSQL's autovacuum gathers them by itself after
     * large inserts: a server run with autovacuum off (as some test machines are) would otherwise plan every read
     * on a filled ledger as if its tables were empty.
     */
    private static void analyze(DriverManagerDataSource owner) throws SQLException {
        log.info("analyze: the filled tables' statistics");
        try (var connection = owner.getConnection(); var statement = connection.createStatement()) {
            statement.execute("analyze");
        }
    }

    private static long leavesBehindSnapshots(DriverManagerDataSource owner) throws SQLException {
        try (var connection = owner.getConnection();
             var query = connection.prepareStatement("select coalesce(sum(behind), 0) from (select count(*) as "
                     + "behind from audit_leaf_coalition c where c.coalition_id is not null and "
                     + AFTER_LATEST_SNAPSHOT + " group by c.coalition_id having count(*) >= ?) late")) {
            query.setInt(1, SNAPSHOT_INTERVAL);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The coalition's leaves after its latest fold snapshot: with the snapshots caught up and nothing recorded since,
     * what each of its views as recorded at the run's instant or as of its checkpoint folds. Anywhere from 0 to
     * {@value #SNAPSHOT_INTERVAL} - 1, as the run's last leaves fall, so it stands beside those rows.
     */
    private static long leavesAfterLatestSnapshot(DriverManagerDataSource owner, String coalition)
            throws SQLException {
        try (var connection = owner.getConnection();
             var query = connection.prepareStatement("select count(*) from audit_leaf_coalition c where "
                     + "c.coalition_id = ? and " + AFTER_LATEST_SNAPSHOT)) {
            query.setString(1, coalition);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Waits until every segment token of the views processor has reached {@code head}. */
    private static void awaitViews(DriverManagerDataSource owner, String processor, long head)
            throws Exception {
        Progress progress = new Progress("the lowest token of " + processor, head, STALL_LIMIT);
        while (!progress.reached(lowestPosition(owner, processor))) {
            Thread.sleep(50);
        }
    }

    /** A value polled towards a target, failing once it has not moved for {@code stallLimit}. */
    static final class Progress {
        private final String what;
        private final long target;
        private final Duration stallLimit;
        private final LongSupplier nanoTime;
        private long best = Long.MIN_VALUE;
        private long movedAt;

        Progress(String what, long target, Duration stallLimit) {
            this(what, target, stallLimit, System::nanoTime);
        }

        Progress(String what, long target, Duration stallLimit, LongSupplier nanoTime) {
            this.what = what;
            this.target = target;
            this.stallLimit = stallLimit;
            this.nanoTime = nanoTime;
            this.movedAt = nanoTime.getAsLong();
        }

        /** True once {@code value} has reached the target; throws when it has stalled for too long. */
        boolean reached(long value) {
            long now = nanoTime.getAsLong();
            if (value >= target) {
                return true;
            }
            if (value > best) {
                best = value;
                movedAt = now;
            } else if (now - movedAt > stallLimit.toNanos()) {
                throw new IllegalStateException(what + " stalled at " + value + " of " + target + " for "
                        + stallLimit);
            }
            return false;
        }
    }

    /** The lowest token position over the processor's segments (-1 before it has any). */
    static long lowestPosition(DriverManagerDataSource owner, String processor) throws SQLException {
        long lowest = Long.MAX_VALUE;
        int segments = 0;
        try (var connection = owner.getConnection();
             var query = connection.prepareStatement("select token from token_entry where processor_name = ?")) {
            query.setString(1, processor);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    byte[] token = rows.getBytes(1);
                    segments++;
                    lowest = Math.min(lowest, token == null ? -1
                            : tokenPosition(JSON.readTree(new String(token, StandardCharsets.UTF_8))));
                }
            }
        }
        return segments == 0 ? -1 : lowest;
    }

    /**
     * A tracking token's position, serialized as JSON: gap-aware (the JPA store's: below its lowest gap every event
     * was seen), plain, replaying (its current token) or merged (the lower of its halves).
     */
    static long tokenPosition(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("index")) {
            long lowestGap = Long.MAX_VALUE;
            for (JsonNode gap : token.path("gaps")) {
                lowestGap = Math.min(lowestGap, gap.asLong());
            }
            return Math.min(token.get("index").asLong(), lowestGap - 1);
        }
        if (token.has("globalIndex")) {
            return token.get("globalIndex").asLong();
        }
        if (token.has("currentToken")) {
            return tokenPosition(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            return Math.min(tokenPosition(token.get("lowerSegmentToken")),
                    tokenPosition(token.get("upperSegmentToken")));
        }
        throw new IllegalArgumentException("unknown tracking token: " + token);
    }

    private static long headPosition(DriverManagerDataSource owner) throws SQLException {
        try (var connection = owner.getConnection();
             var query = connection.prepareStatement("select coalesce(max(global_index), -1) from domain_event_entry");
             var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void recreateDatabase(String database) throws SQLException {
        if (!database.matches("coalition_bench_[a-z0-9_]+")) {
            throw new IllegalArgumentException("the benchmark only drops its own databases (coalition_bench_*): "
                    + database);
        }
        try (var connection = DriverManager.getConnection(PG + "postgres", "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
    }

    /** The server's CPU milliseconds per unit of work since {@code cpuBefore} (seconds). */
    private static double cpuMillisPer(LedgerProcess ledger, double cpuBefore, long units) {
        return units <= 0 ? Double.NaN : (ledger.cpuSeconds() - cpuBefore) * 1000 / units;
    }

    private static void putLoad(Map<String, Double> f, String key, WrkResult r) {
        f.put(key + ".requests", (double) r.requests());
        f.put(key + ".rps", r.successesPerSecond());
        f.put(key + ".p50", r.p50Millis());
        f.put(key + ".p99", r.p99Millis());
        f.put(key + ".errors", (double) (r.non2xx() + r.socketErrors()));
        log.info("{}: {}", key, r);
    }

    interface Measurement {
        double measure() throws Exception;
    }

    private static double median(int reps, Measurement m) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            values.add(m.measure());
        }
        return Stats.of(values).median();
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Events imported while the import is profiled. */
    private static final long PROFILED_IMPORT = 20_000;
    /** Full verifications in the verification's recording: one is too short for many samples. */
    private static final int PROFILED_VERIFICATIONS = 10;

    /**
     * Flight recordings of HTTP ingest, of a bulk import, of a views rebuild and of full verifications, each
     * summarised by thread pool and hot application method ({@link JfrSummary}) into {@code profile.md}.
     */
    private static void profile(Options options, Wrk wrk) throws Exception {
        recreateDatabase(options.database());
        Path dir = options.out().resolve("profile" + (options.label().isEmpty() ? "" : "-" + options.label()));
        Path recording = dir.resolve("ingest.jfr").toAbsolutePath();
        Files.createDirectories(dir);
        try (LedgerProcess ledger = LedgerProcess.start(options.jar(), options.database(), dir.resolve("data"),
                dir.resolve("application.log"), List.of("-Xmx2g"), appArgs(options))) {
            foundCoalitions(ledger, options.coalitions());
            log.info("profile: warm-up ingest 10 s");
            wrk.run(ledger.baseUrl(), "takedowns.lua", 2, 8, 10, LedgerProcess.ADMIN, "warmup",
                    String.valueOf(options.coalitions()));
            jcmd(ledger.pid(), "JFR.start", "name=bench", "settings=profile");
            double cpu = ledger.cpuSeconds();
            WrkResult ingest = wrk.run(ledger.baseUrl(), "takedowns.lua", 2, 8, options.ingestSeconds(),
                    LedgerProcess.ADMIN, "profiled", String.valueOf(options.coalitions()));
            double cpuMillis = cpuMillisPer(ledger, cpu, ingest.requests() - ingest.non2xx());
            jcmd(ledger.pid(), "JFR.stop", "name=bench", "filename=" + recording);
            String summary = "## HTTP ingest\n\n" + String.format(java.util.Locale.ROOT, "Server CPU per recorded "
                    + "takedown batch: %.1f ms (all threads: HTTP, command, both processors; load average %.1f).%n%n",
                    cpuMillis, loadAverage()) + JfrSummary.markdown(recording, ingest, 15);

            log.info("profile: bulk import of {} events", PROFILED_IMPORT);
            Path importRecording = dir.resolve("import.jfr").toAbsolutePath();
            jcmd(ledger.pid(), "JFR.start", "name=import", "settings=profile");
            cpu = ledger.cpuSeconds();
            double importRate = bulkImport(ledger, options, 0, PROFILED_IMPORT);
            cpuMillis = cpuMillisPer(ledger, cpu, PROFILED_IMPORT);
            jcmd(ledger.pid(), "JFR.stop", "name=import", "filename=" + importRecording);
            summary += "## Bulk import\n\n" + String.format(java.util.Locale.ROOT, "%,d events by NDJSON import "
                    + "(%d clients, %d lines a request): %,.0f events/s, server CPU per event %.2f ms (the recording "
                    + "ends when the last import is answered; the processors may still be behind).%n%n",
                    PROFILED_IMPORT, options.importClients(), options.importChunk(), importRate, cpuMillis)
                    + JfrSummary.markdown(importRecording, null, 15);

            var owner = new DriverManagerDataSource(PG + options.database(), "postgres", "");
            long head = headPosition(owner);
            awaitViews(owner, options.viewsProcessor(), head);
            log.info("profile: views rebuild");
            Path rebuildRecording = dir.resolve("rebuild.jfr").toAbsolutePath();
            jcmd(ledger.pid(), "JFR.start", "name=rebuild", "settings=profile");
            cpu = ledger.cpuSeconds();
            double seconds = rebuildSeconds(ledger, owner, options, "profiled");
            cpuMillis = cpuMillisPer(ledger, cpu, head);
            jcmd(ledger.pid(), "JFR.stop", "name=rebuild", "filename=" + rebuildRecording);
            summary += "## Views rebuild\n\n" + String.format(java.util.Locale.ROOT, "%,d events replayed into a "
                    + "new generation in %.1f s: %,.0f events/s, server CPU per event %.2f ms.%n%n", head, seconds,
                    head / seconds, cpuMillis) + JfrSummary.markdown(rebuildRecording, null, 15);

            log.info("profile: full verification, {} times", PROFILED_VERIFICATIONS);
            Path verifyRecording = dir.resolve("verification.jfr").toAbsolutePath();
            jcmd(ledger.pid(), "JFR.start", "name=verification", "settings=profile");
            cpu = ledger.cpuSeconds();
            double verifySeconds = 0;
            for (int i = 0; i < PROFILED_VERIFICATIONS; i++) {
                verifySeconds += fullVerificationSeconds(ledger);
            }
            cpuMillis = cpuMillisPer(ledger, cpu, head * PROFILED_VERIFICATIONS);
            jcmd(ledger.pid(), "JFR.stop", "name=verification", "filename=" + verifyRecording);
            summary += "## Full verification\n\n" + String.format(java.util.Locale.ROOT, "%d full verifications of "
                    + "%,d events, one after the other: %.1f s each, %,.0f events/s, server CPU per event %.3f ms.%n%n",
                    PROFILED_VERIFICATIONS, head, verifySeconds / PROFILED_VERIFICATIONS,
                    head * PROFILED_VERIFICATIONS / verifySeconds, cpuMillis)
                    + JfrSummary.markdown(verifyRecording, null, 15);
            Files.writeString(dir.resolve("profile.md"), summary);
            log.info("Profile written to {}:\n{}", dir.resolve("profile.md"), summary);
        }
    }

    /** A value and the seconds it took. */
    record Timed<T>(T value, double seconds) {
    }

    static <T> Timed<T> timed(Callable<T> work) throws Exception {
        long t0 = System.nanoTime();
        T value = work.call();
        return new Timed<>(value, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A views rebuild, timed from its request until the rebuilt copy is published. Its progress
     * ({@code GET /api/v1/admin/views/rebuild}: the fill's position while the fill runs, then the processor's) must move
     * towards the store's head, or the run fails after {@link #STALL_LIMIT}.
     */
    private static double rebuildSeconds(LedgerProcess ledger, DriverManagerDataSource owner, Options options,
                                         String why) throws Exception {
        return timed(() -> {
            long published = rebuildProgress(ledger).path("publishedGeneration").asLong();
            long head = headPosition(owner);
            ledger.postOk("/api/v1/admin/projections/rebuild", LedgerProcess.ADMIN, "application/json",
                    "{\"reason\":\"coalition-bench: rebuild " + why + "\"}");
            Progress progress = new Progress("the views rebuild's position", head, STALL_LIMIT);
            while (true) {
                JsonNode state = rebuildProgress(ledger);
                if (state.path("state").asString().equals("PUBLISHED")
                        && state.path("publishedGeneration").asLong() > published) {
                    return null;
                }
                JsonNode position = state.path("position");
                progress.reached(position.isNumber() ? position.asLong() : -1);
                Thread.sleep(50);
            }
        }).seconds();
    }

    /** The views rebuild's progress as the ledger reports it. */
    private static JsonNode rebuildProgress(LedgerProcess ledger) throws Exception {
        return JSON.readTree(ledger.get("/api/v1/admin/views/rebuild", LedgerProcess.ADMIN).body());
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }
}
