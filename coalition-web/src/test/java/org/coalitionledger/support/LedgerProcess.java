package org.coalitionledger.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as a separate JVM on loopback, for tests that kill it with SIGKILL: started with the test's class
 * path on a free port, on PostgreSQL (a database of the test's own) with the restricted application role, and known
 * bearer tokens. Its Axon node id (the token owner in {@code token_entry}) is {@code <pid>@<host>}.
 */
public final class LedgerProcess {

    public static final String ADMIN_TOKEN = "nodes-admin-token-0123456789";
    public static final String PARTNER_TOKEN = "nodes-partner-token-0123456789";
    public static final String AUDITOR_TOKEN = "nodes-auditor-token-0123456789";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger log = LoggerFactory.getLogger(LedgerProcess.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private LedgerProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** A PostgreSQL database for one test class, dropped and created anew; its name starts with the test database's. */
    public static String freshDatabase(String suffix) {
        String database = System.getProperty("coalition.postgres.test-db", PostgresTestDatabase.NAME) + "_" + suffix;
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", "postgres"); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
        return database;
    }

    /** A JDBC connection to the test's database as its owner, for looking at what the nodes stored. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "postgres");
    }

    /**
     * Starts a node on {@code database} with the data folder {@code dataDir} (nodes of one ledger share it: it holds
     * the signing key) and waits until its health is UP.
     */
    public static LedgerProcess start(String name, String database, Path dataDir, String... settings)
            throws IOException {
        int port = freePort();
        Files.createDirectories(dataDir);
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "org.coalitionledger.CoalitionApplication",
                "--spring.profiles.active=postgres",
                "--server.port=" + port,
                "--coalition.data-dir=" + dataDir,
                "--coalition.first-year-history.enabled=false",
                "--spring.datasource.hikari.maximum-pool-size=8"));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("COALITION_DB_NAME", database);
        environment.put("COALITION_DB_USER", PostgresTestDatabase.APPLICATION_ROLE);
        environment.put("COALITION_DB_PASSWORD", PostgresTestDatabase.APPLICATION_ROLE);
        environment.put("COALITION_DB_OWNER_USER", "postgres");
        environment.put("COALITION_DB_OWNER_PASSWORD", "postgres");
        environment.put("COALITION_ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("COALITION_PARTNER_TOKEN", PARTNER_TOKEN);
        environment.put("COALITION_AUDITOR_TOKEN", AUDITOR_TOKEN);
        Process process = builder.start();
        LedgerProcess ledger = new LedgerProcess(name, process, port, logFile);
        long started = System.nanoTime();
        try {
            await("node " + name + " UP on port " + port + " (log " + logFile + ")").atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        assertThat(process.isAlive()).as("node %s exited early; log tail:%n%s", name, ledger.tail())
                                .isTrue();
                        return ledger.healthUp();
                    });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        log.info("node {} (pid {}) UP on port {} after {} ms", name, process.pid(), port,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return ledger;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The owner Axon writes in {@code token_entry} for this node's claims. */
    public String tokenOwnerPrefix() {
        return process.pid() + "@";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no segment released, no heartbeat removed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("node %s ends after SIGKILL", name).isTrue();
        // 128 + 9: the JVM died of SIGKILL, it did not exit on its own.
        assertThat(process.exitValue()).as("exit status of the killed node %s", name).isEqualTo(137);
    }

    /** SIGTERM: the node shuts down gracefully (requests in flight finish, segments released); its exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node %s ends within 60 s of SIGTERM", name).isTrue();
        return process.exitValue();
    }

    /** Ends the process if it still runs (test clean-up). */
    public void destroy() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    /** A GET as auditor, answered 200, as JSON. */
    public JsonNode auditorJson(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, AUDITOR_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on %s: %s", path, name, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private boolean healthUp() throws InterruptedException {
        try {
            HttpResponse<String> response = PROBE.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(JSON.readTree(response.body()).path("status").asString());
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    public String tail() {
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
