package org.coalitionledger.web.durability;

import org.coalitionledger.support.LedgerProcess;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bulk import (NDJSON, one command a line, applied in order, each line on its own) with the node killed by SIGKILL
 * at a random point of it, over many runs on one PostgreSQL database. After each restart: the lines of earlier,
 * acknowledged imports are all there once; of the killed import, exactly a first part of its lines is stored, each
 * line wholly (its one event, with the figures sent) and once, and nothing after it (nothing half-written); sending
 * the import again completes it (the stored lines answer UNCHANGED, the rest RECORDED). At the end the log verifies
 * clean. Figures go to {@code target/reliability/import-kill.md}; {@code -Dcoalition.reliability.import-runs=N} sets
 * the number of runs, {@code -Dcoalition.reliability.seed=<seed>} replays a run's kill points.
 */
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
class KilledImportLeavesNothingHalfWrittenTest {

    private static final Logger log = LoggerFactory.getLogger(KilledImportLeavesNothingHalfWrittenTest.class);
    private static final int LINES = 200;
    private static final Duration AWAIT = Duration.ofSeconds(90);
    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<LedgerProcess> nodes = new ArrayList<>();

    /** One import line as sent: its record id and the figure it records. */
    private record Line(String recordId, String command, long figure, String text) {
    }

    /** One run's outcome, for the figures. */
    private record Run(int run, long killAfterMillis, boolean answeredBeforeKill, int storedBeforeResend,
                       int recordedByResend) {
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (LedgerProcess node : nodes) {
            node.destroy();
        }
    }

    @Test
    void importCommands_accepted_nothingHalfWrittenWhenKilledAtRandomPoints() throws Exception {
        long seed = Long.getLong("coalition.reliability.seed", System.nanoTime());
        int runs = Integer.getInteger("coalition.reliability.import-runs", 10);
        Random random = new Random(seed);
        String database = LedgerProcess.freshDatabase("import");
        Path dataDir = Path.of("target", "reliability", "import-" + UUID.randomUUID()).toAbsolutePath();
        log.info("import kill test: seed {}, {} runs, database {}", seed, runs, database);

        LedgerProcess node = start("import-0", database, dataDir);
        String coalition = ApiFixtures.freshId("import");
        HttpResponse<String> founded = http.send(node.request("/api/v1/coalitions", LedgerProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixtures.foundCoalition(coalition))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(founded.statusCode()).as(founded.body()).isEqualTo(201);

        // An import that is not killed: every line acknowledged, and how long an import takes here.
        List<Line> acknowledged = new ArrayList<>();
        List<Line> warmUp = lines(coalition, 0);
        long startedAt = System.nanoTime();
        JsonNode complete = send(node, coalition, warmUp).get(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .map(json::readTree).orElseThrow();
        long importMillis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        assertThat(complete.path("recorded").asInt()).as("%s", complete).isEqualTo(LINES);
        acknowledged.addAll(warmUp);

        List<Run> outcomes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            List<Line> lines = lines(coalition, run);
            long delay = Math.max(20, (long) (importMillis * (0.05 + 0.9 * random.nextDouble())));
            CompletableFuture<java.util.Optional<String>> answer = send(node, coalition, lines);
            Thread.sleep(delay); // A random point of the import; the node goes on applying lines meanwhile.
            boolean answered = answer.isDone() && answer.get().isPresent();
            node.kill();
            node = start("import-" + run, database, dataDir);

            Map<String, Integer> stored = stored(database, coalition);
            for (Line line : acknowledged) {
                assertThat(stored.get(line.recordId())).as("acknowledged line %s after run %d (seed %d)",
                        line.recordId(), run, seed).isEqualTo(1);
            }
            int prefix = 0;
            while (prefix < lines.size() && stored.containsKey(lines.get(prefix).recordId())) {
                prefix++;
            }
            for (int i = 0; i < lines.size(); i++) {
                Integer events = stored.get(lines.get(i).recordId());
                if (i < prefix) {
                    assertThat(events).as("line %d of run %d stored once (seed %d)", i + 1, run, seed).isEqualTo(1);
                } else {
                    assertThat(events).as("line %d of run %d after the first missing line %d: absent (seed %d)",
                            i + 1, run, prefix + 1, seed).isNull();
                }
            }
            if (answered) {
                assertThat(prefix).as("an answered import is complete (run %d, seed %d)", run, seed)
                        .isEqualTo(LINES);
            }
            assertFigures(database, lines.subList(0, prefix), seed);
            List<Line> shouldBeStored = new ArrayList<>(acknowledged);
            shouldBeStored.addAll(lines.subList(0, prefix));
            assertReportsFiled(database, coalition, shouldBeStored, seed);

            // Sent again (a client that got no answer): the stored lines are recognised, the rest recorded.
            JsonNode report = send(node, coalition, lines).get(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .map(json::readTree).orElseThrow();
            List<String> outcomesByLine = new ArrayList<>();
            report.path("lines").forEach(l -> outcomesByLine.add(l.path("outcome").asString()));
            for (int i = 0; i < lines.size(); i++) {
                assertThat(outcomesByLine.get(i)).as("line %d of run %d sent again (seed %d)", i + 1, run, seed)
                        .isEqualTo(i < prefix ? "UNCHANGED" : "RECORDED");
            }
            acknowledged.addAll(lines);
            outcomes.add(new Run(run, delay, answered, prefix, LINES - prefix));
            log.info("import kill test (seed {}): run {} killed after {} ms, {} of {} lines stored", seed, run,
                    delay, prefix, LINES);
        }

        Map<String, Integer> stored = stored(database, coalition);
        assertThat(stored).as("every line of every run stored once (seed %d)", seed).hasSize(acknowledged.size());
        assertThat(stored.values()).allMatch(events -> events == 1);
        assertFigures(database, acknowledged, seed);
        assertReportsFiled(database, coalition, acknowledged, seed);
        JsonNode verification = awaitLogVerifies(node, seed);

        StringBuilder table = new StringBuilder();
        for (Run run : outcomes) {
            table.append("| %d | %d | %s | %d | %d |%n".formatted(run.run(), run.killAfterMillis(),
                    run.answeredBeforeKill() ? "yes" : "no", run.storedBeforeResend(), run.recordedByResend()));
        }
        long killedMidImport = outcomes.stream().filter(r -> r.storedBeforeResend() > 0
                && r.storedBeforeResend() < LINES).count();
        Reliability.write("import-kill.md", """
                # One node killed at random points of a bulk import

                Run %s, seed %d (`KilledImportLeavesNothingHalfWrittenTest`): %d runs of a %d-line import (arrests
                and takedown batches), each killed with SIGKILL after a random share of the %d ms an unkilled import
                took, then restarted on the same database.

                | figure | value |
                |---|---|
                | lines acknowledged (all runs, after resending) | %d |
                | found once | %d |
                | doubled | 0 |
                | lost | 0 |
                | runs killed part-way (some lines stored, not all) | %d of %d |
                | half-written lines (a line partly stored, or stored after a missing one) | 0 |
                | takedown batches stored without their report filing on the coalition's stream, or the reverse | 0 |
                | log after the last restart | %d leaves = %d stored events, verification clean |

                | run | killed after (ms) | answered before the kill | lines stored at restart | recorded by resending |
                |---|---|---|---|---|
                %s""".formatted(Instant.now(), seed, runs, LINES, importMillis, acknowledged.size(), stored.size(),
                killedMidImport, runs, verification.path("treeSize").asLong(),
                verification.path("eventsInStore").asLong(), table));
    }

    private LedgerProcess start(String name, String database, Path dataDir) throws IOException {
        LedgerProcess node = LedgerProcess.start(name, database, dataDir);
        nodes.add(node);
        return node;
    }

    /** A run's import: arrests and takedown batches of one member, every line its own record. */
    private List<Line> lines(String coalition, int run) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            String recordId = "imp-r" + run + "-" + i;
            long figure = 1 + (run * 31L + i) % 89;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("coalitionId", coalition);
            String command;
            if (i % 3 == 2) {
                command = "RecordTakedownBatch";
                payload.put("batchId", recordId);
                payload.put("reporter", Map.of("type", "MEMBER", "memberId", "acme"));
                payload.put("periodStart", "2020-02-01");
                payload.put("periodEnd", "2020-02-29");
                payload.put("listingsRemoved", figure);
                payload.put("adsBlocked", 3);
                payload.put("accountsRemoved", 2);
                payload.put("categories", List.of("ivory"));
            } else {
                command = "RecordArrest";
                payload.put("recordId", recordId);
                payload.put("date", "2020-06-01");
                payload.put("count", figure);
                payload.put("jurisdiction", "CN");
                payload.put("agency", "Police");
            }
            payload.put("scope", "import kill test");
            payload.put("source", "KilledImportLeavesNothingHalfWrittenTest run " + run);
            lines.add(new Line(recordId, command, figure,
                    json.writeValueAsString(Map.of("command", command, "payload", payload))));
        }
        return lines;
    }

    /** Sends the import with an Idempotency-Key of its own; the answer's body, or empty when the node died. */
    private CompletableFuture<java.util.Optional<String>> send(LedgerProcess node, String coalition, List<Line> lines) {
        String body = String.join("\n", lines.stream().map(Line::text).toList()) + "\n";
        HttpRequest request = node.request("/api/v1/coalitions/" + coalition + "/imports", LedgerProcess.ADMIN_TOKEN)
                .timeout(IMPORT_TIMEOUT)
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                return java.util.Optional.empty();
            }
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
            return java.util.Optional.of(response.body());
        });
    }

    /** Record id to the number of events stored for it, for this coalition's import lines. */
    private static Map<String, Integer> stored(String database, String coalition) throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection connection = LedgerProcess.connect(database);
             PreparedStatement statement = connection.prepareStatement("select aggregate_identifier, count(*) "
                     + "from domain_event_entry where aggregate_identifier like 'record:%imp-r%' "
                     + "and convert_from(payload, 'UTF8')::jsonb ->> 'coalitionId' = ? "
                     + "group by aggregate_identifier")) {
            statement.setString(1, coalition);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.put(recordId(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return stored;
    }

    /** Each stored line's event holds the figure that line sent (the whole line, not a part of it). */
    private void assertFigures(String database, List<Line> lines, long seed) throws SQLException {
        Map<String, Line> byId = new HashMap<>();
        lines.forEach(line -> byId.put(line.recordId(), line));
        try (Connection connection = LedgerProcess.connect(database);
             PreparedStatement statement = connection.prepareStatement("select aggregate_identifier, payload_type, "
                     + "convert_from(payload, 'UTF8') from domain_event_entry "
                     + "where aggregate_identifier like 'record:%imp-r%'");
             ResultSet rows = statement.executeQuery()) {
            int checked = 0;
            while (rows.next()) {
                Line line = byId.get(recordId(rows.getString(1)));
                if (line == null) {
                    continue;
                }
                JsonNode payload = json.readTree(rows.getString(3));
                boolean arrest = "RecordArrest".equals(line.command());
                assertThat(rows.getString(2)).as("event type of %s (seed %d)", line.recordId(), seed)
                        .endsWith(arrest ? "ArrestRecordedEvent" : "TakedownBatchRecordedEvent");
                assertThat(payload.path(arrest ? "count" : "listingsRemoved").asLong())
                        .as("figure of %s (seed %d)", line.recordId(), seed).isEqualTo(line.figure());
                checked++;
            }
            assertThat(checked).as("stored lines checked (seed %d)", seed).isEqualTo(lines.size());
        }
    }

    /**
     * A member's takedown batch is two events on two streams, its record's and the coalition's report filing, in
     * one transaction: exactly the batches of {@code stored} (every line that must be stored by now) have their
     * filing, once each.
     */
    private static void assertReportsFiled(String database, String coalition, List<Line> stored, long seed)
            throws SQLException {
        Map<String, Integer> filed = new HashMap<>();
        try (Connection connection = LedgerProcess.connect(database);
             PreparedStatement statement = connection.prepareStatement("select convert_from(payload, 'UTF8')::jsonb "
                     + "->> 'recordId' from domain_event_entry where aggregate_identifier = ? "
                     + "and payload_type like '%MemberReportFiledEvent'")) {
            statement.setString(1, coalition);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    filed.merge(rows.getString(1), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        stored.stream().filter(line -> "RecordTakedownBatch".equals(line.command()))
                .forEach(line -> expected.put(line.recordId(), 1));
        assertThat(filed).as("report filings of the stored takedown batches, once each (seed %d)", seed)
                .isEqualTo(expected);
    }

    private JsonNode awaitLogVerifies(LedgerProcess node, long seed) {
        AtomicReference<JsonNode> report = new AtomicReference<>();
        await("the log holds every event and verifies clean (seed " + seed + ")").atMost(AWAIT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode verification = node.auditorJson(http, "/api/v1/audit/verification");
                    report.set(verification);
                    assertThat(verification.path("clean").asBoolean()).as("%s", verification).isTrue();
                    assertThat(verification.path("pendingEvents").asLong()).as("%s", verification).isZero();
                    assertThat(verification.path("treeSize").asLong()).as("%s", verification)
                            .isEqualTo(verification.path("eventsInStore").asLong());
                });
        return report.get();
    }

    /** The record id of a record stream: {@code record:<coalitionId>:<recordId>} (or an old-style {@code record:<recordId>}). */
    private static String recordId(String stream) {
        return stream.substring(stream.lastIndexOf(':') + 1);
    }
}
