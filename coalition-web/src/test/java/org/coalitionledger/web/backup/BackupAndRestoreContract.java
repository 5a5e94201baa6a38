package org.coalitionledger.web.backup;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.verifier.CoalitionVerifier;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A documented backup and restore, run for real with the scripts in {@code ops/}: a ledger records, signs C1, is
 * backed up, records more and signs C2. The backup, restored into a new database and key directory, starts,
 * verifies clean and signs with the same key; its next checkpoint is consistent with C1 (an auditor who kept C1
 * accepts it, with the project's verifier, {@code coalition-verifier live}), while an auditor who kept C2 sees the
 * restored, older history as the fork it is and refuses it.
 */
abstract class BackupAndRestoreContract {

    static final Path OPS = Path.of("").toAbsolutePath().getParent().resolve("ops");

    final Path work = Path.of("target", "test-data", "backup-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void restoredBackup_verifiesClean_continuesFromEarlierCheckpoints_andIsAForkToANewerOne() throws Exception {
        prepare();
        Path sourceData = work.resolve("source-data");
        Path restoredData = work.resolve("restored-data");
        Path backup = work.resolve("backup");
        Path keptC1 = work.resolve("auditor-kept-c1");
        Path keptC2 = work.resolve("auditor-kept-c2");
        Path verifierKey = work.resolve("verifier-key");
        String coalition = ApiFixtures.freshId("backup");
        Files.createDirectories(keptC1);

        long c1;
        long c2;
        String publicKey;
        ConfigurableApplicationContext source = start(false, sourceData);
        try {
            WebTestClient client = client(source);
            client.post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
            record(client, coalition, 2);
            c1 = sign(source);
            publicKey = client.get().uri("/api/v1/audit/public-key").accept(MediaType.TEXT_PLAIN).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            Files.writeString(verifierKey, publicKey.strip() + "\n");
            // An auditor checks the ledger and keeps C1.
            assertThat(live(source, keptC1)).isEqualTo(CoalitionVerifier.VERIFIED);

            source = backUp(source, sourceData, backup);
            client = client(source);

            record(client, coalition, 3);
            c2 = sign(source);
            assertThat(c2).isGreaterThan(c1);
            // Another auditor (or the same one, later) checks it again and keeps C2.
            copyDirectory(keptC1, keptC2);
            assertThat(live(source, keptC2)).isEqualTo(CoalitionVerifier.VERIFIED);
        } finally {
            source.close();
        }

        restore(backup, restoredData);

        try (ConfigurableApplicationContext restored = start(true, restoredData)) {
            WebTestClient client = client(restored);
            // The same key, and the history as it stood at the backup: clean.
            assertThat(client.get().uri("/api/v1/audit/public-key").accept(MediaType.TEXT_PLAIN).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                    .isEqualTo(publicKey);
            JsonNode verification = client.get().uri("/api/v1/audit/verification").headers(h ->
                    h.setBearerAuth(TestTokens.AUDITOR)).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                    .returnResult().getResponseBody();
            assertThat(verification.path("clean").asBoolean()).as(verification.toString()).isTrue();
            assertThat(client.get().uri("/api/v1/audit/checkpoint").accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .path("treeSize").asLong()).as("the latest checkpoint in the backup").isEqualTo(c1);

            // It records on and signs; the new checkpoint extends C1 (and is larger than C2, so it is no mere
            // rollback: the same key signs a different history of that size).
            record(client, coalition, 6);
            long c3 = sign(restored);
            assertThat(c3).isGreaterThan(c2);
            assertThat(live(restored, keptC1)).as("consistent with C1, signed before the backup")
                    .isEqualTo(CoalitionVerifier.VERIFIED);
            StringWriter refusal = new StringWriter();
            assertThat(live(restored, keptC2, refusal)).as("an auditor holding C2 sees a fork")
                    .isEqualTo(CoalitionVerifier.FAILED);
            assertThat(refusal.toString()).contains("FAILED");
        }
    }

    /** Makes the ledger's storage ready for a first start (a fresh database, where there is one). */
    abstract void prepare();

    /** Starts the application on the source ledger or on the restored one, with this data directory. */
    abstract ConfigurableApplicationContext start(boolean restored, Path dataDir);

    /** Backs the running ledger up into {@code backup}; returns the ledger running again afterwards. */
    abstract ConfigurableApplicationContext backUp(ConfigurableApplicationContext running, Path dataDir, Path backup)
            throws Exception;

    /** Restores {@code backup} into a new ledger whose data directory is {@code dataDir}. */
    abstract void restore(Path backup, Path dataDir) throws Exception;

    static SpringApplicationBuilder application(Path dataDir) {
        return new SpringApplicationBuilder(CoalitionApplication.class)
                .properties("server.port=0", "coalition.data-dir=" + dataDir,
                        "coalition.first-year-history.enabled=false");
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer().baseUrl(url(app)).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
    }

    private static String url(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static void record(WebTestClient client, String coalition, int batches) {
        for (int i = 0; i < batches; i++) {
            client.post().uri("/api/v1/coalitions/" + coalition + "/takedown-batches")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.takedownBatch(ApiFixtures.freshId("b"), "2020-02-01", "2020-02-28", 10))
                    .exchange().expectStatus().isCreated();
        }
    }

    /** Signs a checkpoint of everything stored (once the log holds it all); returns its tree size. */
    private static long sign(ConfigurableApplicationContext app) {
        long leaves = LogCatchUp.await(app.getBean(JdbcTemplate.class));
        JsonNode signed = client(app).post().uri("/api/v1/audit/checkpoints").exchange().expectStatus()
                .is2xxSuccessful().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(signed.path("treeSize").asLong()).isEqualTo(leaves);
        return leaves;
    }

    private int live(ConfigurableApplicationContext app, Path state) {
        return live(app, state, new StringWriter());
    }

    /** The auditor's command line, {@code coalition-verifier live}, against a running ledger. */
    private int live(ConfigurableApplicationContext app, Path state, StringWriter output) {
        CommandLine verifier = CoalitionVerifier.commandLine();
        verifier.setOut(new PrintWriter(output, true));
        verifier.setErr(new PrintWriter(output, true));
        return verifier.execute("live", "--url", url(app), "--key", work.resolve("verifier-key").toString(),
                "--state", state.toString(), "--token", TestTokens.AUDITOR);
    }

    static void run(Map<String, String> settings, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("COALITION_DB_HOST", "127.0.0.1", "COALITION_DB_PORT", "5432",
                "COALITION_DB_OWNER_USER", "postgres", "PGPASSWORD", "postgres"));
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
