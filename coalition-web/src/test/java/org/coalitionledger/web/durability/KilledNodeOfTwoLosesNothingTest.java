package org.coalitionledger.web.durability;

import org.coalitionledger.support.LedgerProcess;
import org.axonframework.eventhandling.Segment;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database, both loaded at once, one killed with SIGKILL mid-load while the survivor keeps
 * taking writes. Shows: every write answered 201 is stored exactly once and every event stored belongs to a write that
 * was answered 201 or was in flight when the node died (in doubt); before the kill the two nodes share the view
 * processor's segments; after it the survivor holds every segment, the log's included, and appends to the log; an
 * SSE client on each node saw the final views of every coalition, whichever node folded the events; the views from a
 * restarted node equal the survivor's; the log verifies on both and both give the same signed root.
 * <p>
 * Real processes on loopback, as {@link KilledProcessLosesNoAcknowledgedWriteTest}; the figures of a run are written
 * to {@code target/reliability/multi-node.md} (docs/reliability.md). The seed is in every message;
 * {@code -Dcoalition.reliability.seed=<seed>} replays a run's timing choices.
 */
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
class KilledNodeOfTwoLosesNothingTest {

    private static final Logger log = LoggerFactory.getLogger(KilledNodeOfTwoLosesNothingTest.class);
    private static final String ARREST_EVENT = "org.coalitionledger.api.reporting.ArrestRecordedEvent";
    private static final String VIEWS = "coalition-views";
    private static final String LOG = "audit-log";
    /** One coalition on each of the view processor's four segments. */
    private static final int COALITIONS = 4;
    private static final int WRITERS = 6;
    /** Load on the survivor after the kill: longer than the claim timeout, so the takeover happens under load. */
    private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(16);
    private static final Duration AWAIT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<LedgerProcess> nodes = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** One arrest as sent. */
    private record Arrest(String recordId, String coalitionId, long count, String idempotencyKey) {
    }

    /** What one SSE client received: the year-over-year views of its coalition, in order. */
    private record SseClient(String node, String coalitionId, List<JsonNode> views) {
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        threads.shutdownNow();
        for (LedgerProcess node : nodes) {
            node.destroy();
        }
    }

    @Test
    void recordArrest_accepted_exactlyOnceWhenOneOfTwoNodesIsKilledMidLoad() throws Exception {
        long seed = Long.getLong("coalition.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        String database = LedgerProcess.freshDatabase("kill");
        Path dataDir = Path.of("target", "reliability", "nodes-" + UUID.randomUUID()).toAbsolutePath();
        log.info("two-node kill test: seed {}, database {}, data folder {}", seed, database, dataDir);

        LedgerProcess first = start("node-1", database, dataDir);
        LedgerProcess second = start("node-2", database, dataDir);
        List<String> coalitions = onEverySegment();
        for (int c = 0; c < COALITIONS; c++) {
            String id = coalitions.get(c);
            HttpResponse<String> founded = http.send((c % 2 == 0 ? first : second)
                    .request("/api/v1/coalitions", LedgerProcess.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ApiFixtures.foundCoalition(id))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(founded.statusCode()).as(founded.body()).isEqualTo(201);
        }

        // Both nodes hold view segments: the first node gave up its surplus when the second came.
        Map<String, Integer> before = awaitOwners(database, "the view segments spread over both nodes (seed " + seed
                + ")", owners -> owners.getOrDefault(first.tokenOwnerPrefix() + VIEWS, 0) > 0
                && owners.getOrDefault(second.tokenOwnerPrefix() + VIEWS, 0) > 0, first, second);
        boolean firstAppends = before.getOrDefault(first.tokenOwnerPrefix() + LOG, 0) == 1;
        assertThat(firstAppends || before.getOrDefault(second.tokenOwnerPrefix() + LOG, 0) == 1)
                .as("one node holds the log's segment: %s", before).isTrue();
        // The node that appends to the log dies: the survivor must take the appender over too.
        LedgerProcess victim = firstAppends ? first : second;
        LedgerProcess survivor = firstAppends ? second : first;

        int[] race = joinRacingOnBothNodes(database, coalitions.get(0), first, second, seed);
        revokedOnOneNode_refusedOnTheOther(first, second);

        List<SseClient> streams = new ArrayList<>();
        for (LedgerProcess node : List.of(first, second)) {
            for (String coalition : coalitions) {
                streams.add(subscribe(node, coalition));
            }
        }
        // Live updates reach every node, whichever folded the event: one arrest per coalition, and each node's client
        // of each coalition sees it, half of them folded by the other node.
        Map<String, String> foldedBy = foldingNodes(database, coalitions, first, second);
        Map<String, Arrest> probes = new HashMap<>();
        for (int c = 0; c < COALITIONS; c++) {
            Arrest probe = new Arrest("nodes-probe-" + c + "-" + seed, coalitions.get(c), 1,
                    UUID.randomUUID().toString());
            HttpResponse<String> recorded = http.send(arrestRequest(c % 2 == 0 ? first : second, probe),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            probes.put(probe.recordId(), probe);
        }
        int crossNode = 0;
        for (SseClient stream : streams) {
            await("SSE on " + stream.node() + " sees the probe of " + stream.coalitionId() + ", folded on "
                    + foldedBy.get(stream.coalitionId()) + " (seed " + seed + ")").atMost(AWAIT)
                    .pollInterval(Duration.ofMillis(100)).until(() -> arrests(last(stream)) == 1);
            if (!stream.node().equals(foldedBy.get(stream.coalitionId()))) {
                crossNode++;
            }
        }
        assertThat(new java.util.HashSet<>(foldedBy.values())).as("nodes folding the coalitions: %s", foldedBy)
                .hasSize(2);

        Map<String, Arrest> acknowledged = new ConcurrentHashMap<>(probes);
        Map<String, Arrest> inDoubt = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong(probes.size());
        CountDownLatch firstAcknowledged = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            LedgerProcess target = w % 2 == 0 ? first : second;
            writers.add(threads.submit(() -> write(writer, target, survivor, coalitions, seed, killed, stop, sent,
                    firstAcknowledged, acknowledged, inDoubt, unexpected)));
        }
        assertThat(firstAcknowledged.await(60, TimeUnit.SECONDS)).as("a first write acknowledged (seed %d): %s",
                seed, unexpected).isTrue();
        long delay = 3000 + random.nextInt(3001);
        Thread.sleep(delay); // A random stretch of load on both nodes; the writers run on meanwhile.
        int acknowledgedAtKill = acknowledged.size();
        int victimUpdatesAtKill = updatesSeen(streams, victim);
        killed.set(true);
        long killedAt = System.nanoTime();
        victim.kill();
        Duration takeover = awaitTakeover(database, survivor, killedAt, seed);
        long remaining = LOAD_AFTER_KILL.toNanos() - (System.nanoTime() - killedAt);
        if (remaining > 0) {
            Thread.sleep(Duration.ofNanos(remaining).toMillis());
        }
        stop.set(true);
        for (Future<?> writer : writers) {
            writer.get(LedgerProcess.REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        assertThat(unexpected).as("answers other than 201, or failures not caused by the kill (seed %d)", seed)
                .isEmpty();
        assertThat(acknowledged.size()).as("writes acknowledged after the kill (seed %d)", seed)
                .isGreaterThan(acknowledgedAtKill);

        // Exactly once: every stored arrest belongs to a request acknowledged or in doubt, none twice.
        Map<String, Integer> stored = storedArrests(database);
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        List<String> unrequested = new ArrayList<>();
        for (String recordId : acknowledged.keySet()) {
            if (!stored.containsKey(recordId)) {
                lost.add(recordId);
            }
        }
        stored.forEach((recordId, events) -> {
            if (events != 1) {
                doubled.add(recordId + " x" + events);
            }
            if (!acknowledged.containsKey(recordId) && !inDoubt.containsKey(recordId)) {
                unrequested.add(recordId);
            }
        });
        int inDoubtStored = (int) inDoubt.keySet().stream().filter(stored::containsKey).count();
        assertThat(lost).as("acknowledged writes missing (seed %d)", seed).isEmpty();
        assertThat(doubled).as("records stored more than once (seed %d)", seed).isEmpty();
        assertThat(unrequested).as("events no request asked for (seed %d)", seed).isEmpty();
        for (Arrest arrest : acknowledged.values()) {
            assertSingleArrest(survivor, arrest, seed);
        }

        // The survivor appended everything to the log; the views folded everything, on the survivor alone.
        awaitLogVerifies(survivor, seed);
        Map<String, Long> expected = new HashMap<>();
        java.util.stream.Stream.concat(acknowledged.values().stream(), inDoubt.values().stream())
                .filter(arrest -> stored.containsKey(arrest.recordId()))
                .forEach(arrest -> expected.merge(arrest.coalitionId(), arrest.count(), Long::sum));
        Map<String, JsonNode> finalViews = new HashMap<>();
        for (String coalition : coalitions) {
            await("the views of " + coalition + " hold every stored arrest (seed " + seed + ")").atMost(AWAIT)
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(arrests(
                            yearOverYear(survivor, coalition))).isEqualTo(expected.getOrDefault(coalition, 0L)));
            finalViews.put(coalition, yearOverYear(survivor, coalition));
        }
        // Every SSE client on the survivor saw each coalition's final view, also where the dead node folded events.
        for (SseClient stream : streams) {
            if (stream.node().equals(survivor.name())) {
                await("SSE on the survivor reaches the final view of " + stream.coalitionId() + " (seed " + seed
                        + ")").atMost(AWAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        assertThat(last(stream)).isEqualTo(finalViews.get(stream.coalitionId())));
                assertThat(stream.views().stream().map(this::arrests).toList())
                        .as("arrest totals an SSE client saw, in order").isSorted();
            }
        }
        int survivorUpdates = updatesSeen(streams, survivor);

        // The killed node comes back: it rejoins, answers the same views, and the log has one root on both.
        LedgerProcess restarted = start(victim.name() + "-restarted", database, dataDir);
        Map<String, Integer> rejoined = awaitOwners(database, "the restarted node takes its share again (seed "
                + seed + ")", owners -> owners.getOrDefault(restarted.tokenOwnerPrefix() + VIEWS, 0) > 0,
                survivor, restarted);
        for (String coalition : coalitions) {
            assertThat(yearOverYear(restarted, coalition)).as("views of %s from the restarted node", coalition)
                    .isEqualTo(finalViews.get(coalition));
        }
        JsonNode report = awaitLogVerifies(restarted, seed);
        JsonNode signed = signCheckpoint(survivor);
        JsonNode again = signCheckpoint(restarted);
        assertThat(again.path("treeSize").asLong()).isEqualTo(signed.path("treeSize").asLong());
        assertThat(again.path("rootHash").asString()).isEqualTo(signed.path("rootHash").asString());
        long size = signed.path("treeSize").asLong();
        for (LedgerProcess node : List.of(survivor, restarted)) {
            JsonNode proof = node.auditorJson(http, "/api/v1/audit/proofs/inclusion?leaf=0&treeSize=" + size);
            assertThat(proof.path("rootHash").asString()).as("root of the log at %d from %s", size, node.name())
                    .isEqualTo(signed.path("rootHash").asString());
        }

        // The restarted node stops gracefully while it takes writes: what it accepted it answers, and it hands its
        // segments over at once instead of after the claim timeout.
        Map<String, Arrest> acknowledgedAroundStop = new ConcurrentHashMap<>();
        Map<String, Arrest> unansweredAtStop = new ConcurrentHashMap<>();
        List<String> failedAtStop = new CopyOnWriteArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean stopWriting = new AtomicBoolean();
        CountDownLatch writing = new CountDownLatch(1);
        List<Future<?>> stopWriters = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = WRITERS + w;
            stopWriters.add(threads.submit(() -> write(writer, restarted, survivor, coalitions, seed, stopping,
                    stopWriting, new AtomicLong(), writing, acknowledgedAroundStop, unansweredAtStop, failedAtStop)));
        }
        assertThat(writing.await(60, TimeUnit.SECONDS)).as("writes to the restarted node: %s", failedAtStop).isTrue();
        stopping.set(true);
        long stoppedAt = System.nanoTime();
        int exit = restarted.stop();
        Duration handover = awaitTakeover(database, survivor, stoppedAt, seed);
        stopWriting.set(true);
        for (Future<?> writer : stopWriters) {
            writer.get(LedgerProcess.REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        assertThat(failedAtStop).as("answers other than 201 while the node stopped (seed %d)", seed).isEmpty();
        Map<String, Integer> storedAfterStop = storedArrests(database);
        for (String recordId : acknowledgedAroundStop.keySet()) {
            assertThat(storedAfterStop.get(recordId)).as("write %s acknowledged while stopping (seed %d)", recordId,
                    seed).isEqualTo(1);
        }
        int unansweredStored = (int) unansweredAtStop.keySet().stream().filter(storedAfterStop::containsKey).count();

        Reliability.write("multi-node.md", """
                # Two nodes, one killed mid-load

                Run %s, seed %d (`KilledNodeOfTwoLosesNothingTest`).

                | figure | value |
                |---|---|
                | nodes, writers, coalitions | 2, %d, %d |
                | API key issued on one node, revoked on the other: refused by the first at its next request | yes |
                | joins to one coalition sent to both nodes at once | %d: %d accepted (201), %d refused (409 \
                `CONCURRENT_MODIFICATION`), %d stored |
                | arrests sent (the %d probes included) | %d |
                | acknowledged (201) | %d (%d before the kill) |
                | in doubt (unanswered when the node died) | %d, of which stored: %d |
                | found | %d of %d acknowledged |
                | doubled | %d |
                | lost | %d |
                | events without a request | %d |
                | segments before the kill | %s |
                | load before the kill | %d ms after the first acknowledged write |
                | takeover (SIGKILL until the survivor held every segment, the log's included) | %d ms |
                | SSE clients that saw a coalition folded by the other node (before the kill) | %d of %d |
                | SSE updates seen, killed node (until the kill) | %d over %d streams |
                | SSE updates seen, survivor | %d over %d streams, final view of every coalition: yes |
                | segments after the killed node restarted | %s |
                | log after the run | %d leaves = %d stored events, verification clean on both nodes |
                | signed root, same from both nodes | %s at size %d |
                | graceful stop (SIGTERM) of the restarted node under load | exit status %d; %d writes acknowledged \
                (by it, then by the survivor), %d unanswered (refused at connect or cut), of which stored: %d |
                | handover after the graceful stop (SIGTERM until the survivor held every segment) | %d ms |
                """.formatted(Instant.now(), seed, WRITERS, COALITIONS, race[0], race[1], race[2], race[1],
                probes.size(), sent.get(), acknowledged.size(),
                acknowledgedAtKill, inDoubt.size(), inDoubtStored, acknowledged.size() - lost.size(),
                acknowledged.size(), doubled.size(), lost.size(), unrequested.size(), named(before, first, second),
                delay, takeover.toMillis(), crossNode, COALITIONS * 2, victimUpdatesAtKill, COALITIONS,
                survivorUpdates, COALITIONS,
                named(rejoined, survivor, restarted), report.path("treeSize").asLong(),
                report.path("eventsInStore").asLong(), signed.path("rootHash").asString(), size, exit,
                acknowledgedAroundStop.size(), unansweredAtStop.size(), unansweredStored, handover.toMillis()));
    }

    /**
     * Commands reach any node: pairs of joins to one coalition, one to each node at the same moment, race for the
     * coalition's next sequence number. Each is accepted (201) or refused as a concurrent write (409), never lost,
     * doubled or failed; exactly the accepted ones are stored. Returns {sent, accepted, refused}.
     */
    private int[] joinRacingOnBothNodes(String database, String coalition, LedgerProcess first, LedgerProcess second,
                                        long seed) throws Exception {
        int rounds = 8;
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < rounds; round++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (LedgerProcess node : List.of(first, second)) {
                String member = "race-" + round + "-" + node.name();
                answers.add(http.sendAsync(node.request("/api/v1/coalitions/" + coalition + "/members",
                                LedgerProcess.ADMIN_TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ApiFixtures.join(member, "2020-03-01"))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 201) {
                    accepted++;
                } else {
                    assertThat(response.statusCode()).as("racing join (seed %d): %s", seed, response.body())
                            .isEqualTo(409);
                    assertThat(json.readTree(response.body()).path("code").asString()).as(response.body())
                            .isEqualTo("CONCURRENT_MODIFICATION");
                    refused++;
                }
            }
        }
        int stored;
        try (Connection connection = LedgerProcess.connect(database);
             java.sql.PreparedStatement statement = connection.prepareStatement("select count(*) from "
                     + "domain_event_entry where aggregate_identifier = ? and payload_type like '%MemberJoinedEvent' "
                     + "and convert_from(payload, 'UTF8')::jsonb ->> 'memberId' like 'race-%'")) {
            statement.setString(1, coalition);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                stored = rows.getInt(1);
            }
        }
        assertThat(stored).as("racing joins stored = accepted (seed %d)", seed).isEqualTo(accepted);
        assertThat(accepted).as("racing joins accepted (seed %d)", seed).isGreaterThanOrEqualTo(rounds);
        return new int[] {rounds * 2, accepted, refused};
    }

    /** A key issued on one node works on the other; revoked there, the first refuses it at its next request. */
    private void revokedOnOneNode_refusedOnTheOther(LedgerProcess first, LedgerProcess second) throws Exception {
        String issue = json.writeValueAsString(Map.of("subject", "partner@nodes.test", "name", "Node Partner",
                "role", "PARTNER", "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()));
        HttpResponse<String> issued = http.send(first.request("/api/v1/admin/api-keys", LedgerProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(issue)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode key = json.readTree(issued.body());
        String token = key.path("token").asString();
        assertThat(http.send(second.request("/api/v1/coalitions", token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the new key on the other node").isEqualTo(200);
        HttpResponse<String> revoked = http.send(second.request("/api/v1/admin/api-keys/"
                        + key.path("key").path("keyId").asString() + "/revocation", LedgerProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"node test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(201);
        assertThat(http.send(first.request("/api/v1/coalitions", token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the revoked key on the node that issued it")
                .isEqualTo(401);
    }

    /**
     * Coalition ids, one on each segment of the view processor. Axon gives an event to the segment whose mask
     * matches the hash of its sequence identifier, {@code coalition:<id>} (query.config.CoalitionSequencingPolicy).
     */
    private static List<String> onEverySegment() {
        List<String> ids = new ArrayList<>();
        for (int segment = 0; segment < COALITIONS; segment++) {
            String id;
            do {
                id = ApiFixtures.freshId("nodes" + segment);
            } while (!Segment.computeSegment(segment, 0, 1, 2, 3).matches("coalition:" + id));
            ids.add(id);
        }
        return ids;
    }

    /** Which node folds each coalition: the owner of its segment in the token store. */
    private static Map<String, String> foldingNodes(String database, List<String> coalitions, LedgerProcess... nodes)
            throws SQLException {
        Map<String, String> foldedBy = new HashMap<>();
        try (Connection connection = LedgerProcess.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select segment, owner from token_entry where processor_name = '"
                     + VIEWS + "'")) {
            while (rows.next()) {
                for (LedgerProcess node : nodes) {
                    if (rows.getString(2) != null && rows.getString(2).startsWith(node.tokenOwnerPrefix())) {
                        foldedBy.put(coalitions.get(rows.getInt(1)), node.name());
                    }
                }
            }
        }
        assertThat(foldedBy).as("every coalition's segment is claimed").hasSize(coalitions.size());
        return foldedBy;
    }

    private LedgerProcess start(String name, String database, Path dataDir) throws IOException {
        LedgerProcess node = LedgerProcess.start(name, database, dataDir);
        nodes.add(node);
        return node;
    }

    /**
     * One writer: arrests with an Idempotency-Key each, to its node, then to the survivor once its node is dead. A
     * write is acknowledged when answered 201, in doubt when the node died before answering.
     */
    private void write(int writer, LedgerProcess target, LedgerProcess survivor, List<String> coalitions, long seed,
                       AtomicBoolean killed, AtomicBoolean stop, AtomicLong sent, CountDownLatch firstAcknowledged,
                       Map<String, Arrest> acknowledged, Map<String, Arrest> inDoubt, List<String> unexpected) {
        LedgerProcess node = target;
        for (int n = 0; !stop.get() && !Thread.currentThread().isInterrupted(); n++) {
            String coalition = coalitions.get((writer + n) % coalitions.size());
            Arrest arrest = new Arrest("nodes-w" + writer + "-" + n + "-" + seed, coalition, 1 + n % 97,
                    UUID.randomUUID().toString());
            sent.incrementAndGet();
            HttpResponse<String> response;
            try {
                response = http.send(arrestRequest(node, arrest), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                inDoubt.put(arrest.recordId(), arrest);
                if (!killed.get() || node == survivor) {
                    unexpected.add(arrest.recordId() + " to " + node.name() + " failed: " + e);
                    return;
                }
                node = survivor; // Its node is dead: the writer goes on with the survivor.
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (response.statusCode() != 201) {
                unexpected.add(arrest.recordId() + " to " + node.name() + " answered " + response.statusCode() + ": "
                        + response.body());
                return;
            }
            acknowledged.put(arrest.recordId(), arrest);
            firstAcknowledged.countDown();
        }
    }

    private HttpRequest arrestRequest(LedgerProcess node, Arrest arrest) {
        String body = json.writeValueAsString(Map.of("recordId", arrest.recordId(), "date", "2020-06-01",
                "count", arrest.count(), "jurisdiction", "CN", "agency", "Police", "scope", "two-node kill test",
                "source", "KilledNodeOfTwoLosesNothingTest"));
        return node.request("/api/v1/coalitions/" + arrest.coalitionId() + "/arrests", LedgerProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", arrest.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** Opens an SSE client on the node's live year-over-year view of the coalition and collects what it sends. */
    private SseClient subscribe(LedgerProcess node, String coalitionId) throws Exception {
        SseClient stream = new SseClient(node.name(), coalitionId, new CopyOnWriteArrayList<>());
        HttpRequest request = HttpRequest.newBuilder(node.uri("/api/v1/coalitions/" + coalitionId + "/updates"))
                .header("Authorization", "Bearer " + LedgerProcess.PARTNER_TOKEN)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as("SSE on %s", node.name()).isEqualTo(200);
        threads.submit(() -> {
            try (java.util.stream.Stream<String> lines = response.body()) {
                lines.filter(line -> line.startsWith("data:"))
                        .forEach(line -> stream.views().add(json.readTree(line.substring("data:".length()))));
            } catch (RuntimeException closed) {
                log.debug("SSE on {} ended: {}", node.name(), closed.toString());
            }
        });
        // The first event is the current view: the subscription is open once it arrived.
        await("SSE on " + node.name() + " opened").atMost(AWAIT).until(() -> !stream.views().isEmpty());
        return stream;
    }

    private static int updatesSeen(List<SseClient> streams, LedgerProcess node) {
        // The first view of each stream is its initial answer, not an update.
        return streams.stream().filter(s -> s.node().equals(node.name()))
                .mapToInt(s -> Math.max(0, s.views().size() - 1)).sum();
    }

    private static JsonNode last(SseClient stream) {
        return stream.views().get(stream.views().size() - 1);
    }

    private JsonNode yearOverYear(LedgerProcess node, String coalitionId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(node.request("/api/v1/coalitions/" + coalitionId
                + "/year-over-year", LedgerProcess.PARTNER_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** All arrests of a year-over-year view. */
    private long arrests(JsonNode view) {
        long total = 0;
        for (JsonNode row : view.path("rows")) {
            total += row.path("figures").path("arrests").asLong();
        }
        return total;
    }

    private void assertSingleArrest(LedgerProcess node, Arrest arrest, long seed) throws Exception {
        HttpResponse<String> response = http.send(node.request("/api/v1/coalitions/" + arrest.coalitionId() + "/records/" + arrest.recordId() + "/events",
                LedgerProcess.AUDITOR_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("events of %s (seed %d)", arrest.recordId(), seed).isEqualTo(200);
        JsonNode events = json.readTree(response.body()).path("events");
        assertThat(events.size()).as("events of %s (seed %d): %s", arrest.recordId(), seed, response.body())
                .isEqualTo(1);
        assertThat(events.get(0).path("type").asString()).isEqualTo(ARREST_EVENT);
        JsonNode payload = events.get(0).path("payload");
        assertThat(payload.path("coalitionId").asString()).isEqualTo(arrest.coalitionId());
        assertThat(payload.path("count").asLong()).isEqualTo(arrest.count());
    }

    /** Record id to the number of arrest events stored for it. */
    private static Map<String, Integer> storedArrests(String database) throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection connection = LedgerProcess.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select aggregate_identifier, count(*) from domain_event_entry "
                     + "where payload_type = '" + ARREST_EVENT + "' group by aggregate_identifier")) {
            while (rows.next()) {
                stored.put(recordId(rows.getString(1)), rows.getInt(2));
            }
        }
        return stored;
    }

    /** Claimed segments per owner and processor ({@code <owner><processor>} to count), from the token store. */
    private static Map<String, Integer> owners(String database) throws SQLException {
        Map<String, Integer> owners = new HashMap<>();
        try (Connection connection = LedgerProcess.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select owner, processor_name from token_entry "
                     + "where owner is not null")) {
            while (rows.next()) {
                owners.merge(rows.getString(1).substring(0, rows.getString(1).indexOf('@') + 1) + rows.getString(2),
                        1, Integer::sum);
            }
        }
        return owners;
    }

    private static Map<String, Integer> awaitOwners(String database, String what,
            java.util.function.Predicate<Map<String, Integer>> condition, LedgerProcess... nodes) {
        AtomicReference<Map<String, Integer>> seen = new AtomicReference<>();
        await(what).atMost(AWAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            seen.set(owners(database));
            return condition.test(seen.get());
        });
        log.info("{}: {}", what, named(seen.get(), nodes));
        return seen.get();
    }

    /** Polls the token store until every segment is claimed by the survivor; the time since the kill. */
    private static Duration awaitTakeover(String database, LedgerProcess survivor, long killedAt, long seed)
            throws SQLException {
        int segments;
        try (Connection connection = LedgerProcess.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from token_entry where processor_name in ('"
                     + VIEWS + "', '" + LOG + "')")) {
            rows.next();
            segments = rows.getInt(1);
        }
        AtomicLong tookOver = new AtomicLong();
        await("the survivor holds every segment (seed " + seed + ")").atMost(AWAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Map<String, Integer> owners = owners(database);
                    int held = owners.getOrDefault(survivor.tokenOwnerPrefix() + VIEWS, 0)
                            + owners.getOrDefault(survivor.tokenOwnerPrefix() + LOG, 0);
                    tookOver.set(System.nanoTime());
                    return held == segments;
                });
        Duration took = Duration.ofNanos(tookOver.get() - killedAt);
        log.info("survivor {} holds all {} segments {} ms after the kill", survivor.name(), segments, took.toMillis());
        return took;
    }

    private JsonNode awaitLogVerifies(LedgerProcess node, long seed) {
        AtomicReference<JsonNode> report = new AtomicReference<>();
        await("the log on " + node.name() + " holds every event and verifies clean (seed " + seed + ")")
                .atMost(AWAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode verification = node.auditorJson(http, "/api/v1/audit/verification");
                    report.set(verification);
                    assertThat(verification.path("clean").asBoolean()).as("%s", verification).isTrue();
                    assertThat(verification.path("pendingEvents").asLong()).as("%s", verification).isZero();
                    assertThat(verification.path("treeSize").asLong()).as("%s", verification)
                            .isEqualTo(verification.path("eventsInStore").asLong());
                });
        return report.get();
    }

    private JsonNode signCheckpoint(LedgerProcess node) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(node.request("/api/v1/audit/checkpoints", LedgerProcess.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json.readTree(response.body());
    }

    /** Owners shown by node name instead of process id. */
    private static String named(Map<String, Integer> owners, LedgerProcess... nodes) {
        StringBuilder text = new StringBuilder();
        for (LedgerProcess node : nodes) {
            text.append(text.isEmpty() ? "" : "; ").append(node.name()).append(": ")
                    .append(VIEWS).append(' ').append(owners.getOrDefault(node.tokenOwnerPrefix() + VIEWS, 0))
                    .append(", ").append(LOG).append(' ').append(owners.getOrDefault(node.tokenOwnerPrefix() + LOG, 0));
        }
        return text.toString();
    }

    /** The record id of a record stream: {@code record:<coalitionId>:<recordId>} (or an old-style {@code record:<recordId>}). */
    private static String recordId(String stream) {
        return stream.substring(stream.lastIndexOf(':') + 1);
    }
}
