package org.coalitionledger.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as its own process: the built jar with the {@code postgres} profile and the environment the
 * README documents (the application's role and the schema owner, bootstrap tokens), on a free port, its output in
 * a log file. Also a plain HTTP client for the few single requests the benchmark makes itself.
 */
final class LedgerProcess implements AutoCloseable {

    // Bootstrap tokens (README: at least 16 characters, all different); the benchmark database is thrown away.
    static final String ADMIN = "bench-admin-token-00000000";
    static final String PARTNER = "bench-partner-token-0000000";
    static final String AUDITOR = "bench-auditor-token-0000000";
    static final String MONITOR = "bench-monitor-token-0000000";

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Path gcLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LedgerProcess(Process process, int port, int managementPort, Path log, Path gcLog) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts the jar and waits until {@code /actuator/health} answers. Its garbage collector's log goes beside
     * {@code log} ({@code -gc} added to the name).
     *
     * @param jvmOptions e.g. a heap size or a flight recording
     * @param appArgs    extra {@code --name=value} settings (e.g. admission limits raised for the benchmark)
     */
    static LedgerProcess start(Path jar, String database, Path dataDir, Path log, List<String> jvmOptions,
                               List<String> appArgs) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no application jar at " + jar + ": build it first (./mvnw -q "
                    + "-DskipTests package)");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        Path gcLog = log.resolveSibling(log.getFileName().toString().replaceFirst("(\\.log)?$", "-gc.log"));
        command.add(GcPauses.jvmOption(gcLog));
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=postgres", "--server.port=" + port,
                // The management endpoints on a port (and event loop) of their own, as README advises for production.
                "--management.server.port=" + managementPort,
                "--coalition.first-year-history.enabled=false", "--coalition.data-dir=" + dataDir.toAbsolutePath(),
                // Full verification of a large store takes longer than the default 30 s query timeout.
                "--coalition.web.query-timeout=PT1H"));
        command.addAll(appArgs);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("COALITION_DB_HOST", "127.0.0.1");
        env.put("COALITION_DB_PORT", "5432");
        env.put("COALITION_DB_NAME", database);
        env.put("COALITION_DB_USER", "coalition_app");
        env.put("COALITION_DB_PASSWORD", "coalition_app");
        env.put("COALITION_DB_OWNER_USER", "postgres");
        env.put("COALITION_DB_OWNER_PASSWORD", "postgres");
        env.put("COALITION_ADMIN_TOKEN", ADMIN);
        env.put("COALITION_PARTNER_TOKEN", PARTNER);
        env.put("COALITION_AUDITOR_TOKEN", AUDITOR);
        env.put("COALITION_MONITOR_TOKEN", MONITOR);
        LedgerProcess ledger = new LedgerProcess(builder.start(), port, managementPort, log, gcLog);
        ledger.awaitHealthy(Duration.ofMinutes(15));
        return ledger;
    }

    /** The garbage collector's pauses from {@code from} to {@code to}. */
    GcPauses gcPauses(Instant from, Instant to) throws IOException {
        return GcPauses.within(gcLog, from, to);
    }

    long pid() {
        return process.pid();
    }

    /**
     * The server's CPU time so far (every thread, user and system), in seconds: per recorded command it is a cost
     * that a loaded, shared machine changes much less than it changes a rate.
     */
    double cpuSeconds() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "this platform does not report a process's CPU time")).toNanos() / 1e9;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management endpoints' port ({@code /actuator/**}). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** A path's address: the management port's for {@code /actuator/**}, else the API's. */
    private URI uri(String path) {
        return URI.create((path.startsWith("/actuator/") ? managementUrl() : baseUrl()) + path);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that must succeed (2xx); its body. */
    String postOk(String path, String token, String contentType, String body) throws IOException,
            InterruptedException {
        HttpResponse<String> response = post(path, token, contentType, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * As {@link #postOk}, but a request refused by admission control ({@code 429} or {@code 503} with
     * {@code Retry-After}) is sent again after the time it names, as a well-behaved client does, up to 20 times.
     */
    String postOkRetrying(String path, String token, String contentType, String body) throws IOException,
            InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = post(path, token, contentType, body);
            long pause = retryPauseMillis(response, attempt);
            if (pause >= 0) {
                Thread.sleep(pause);
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }

    /**
     * How long a well-behaved client waits before sending {@code response}'s request again: the {@code Retry-After}
     * of a refusal by admission control ({@code 429} or {@code 503}), at most 5 s, up to the 20th attempt; -1 when
     * the answer is not to be retried.
     */
    static long retryPauseMillis(HttpResponse<?> response, int attempt) {
        var retryAfter = response.headers().firstValue("Retry-After");
        if ((response.statusCode() == 429 || response.statusCode() == 503) && retryAfter.isPresent() && attempt < 20) {
            return Math.min(5_000, Long.parseLong(retryAfter.get().trim()) * 1_000);
        }
        return -1;
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofHours(1))
                .header("Authorization", "Bearer " + token);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see "
                        + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the application was not healthy within " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the application gracefully (SIGTERM, so a flight recording is dumped), forcibly after a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
