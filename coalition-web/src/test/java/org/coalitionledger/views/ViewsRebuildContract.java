package org.coalitionledger.views;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryBus;
import org.coalitionledger.query.admin.ProjectionAdministration;
import org.coalitionledger.query.views.ViewGenerations;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A views rebuild over HTTP: the replay fills a new copy of the views while partners keep reading the published one,
 * complete (never a 404, never a partial view); once the replay has caught up the new copy replaces it; administrators
 * follow its progress, nobody else may.
 */
abstract class ViewsRebuildContract extends ViewsTestSupport {

    private static final String PROGRESS = "/api/v1/admin/views/rebuild";

    @LocalServerPort
    int port;

    /** Its switch-over runs under the instance's lock: holding the lock holds the switch-over back. */
    @Autowired
    ProjectionAdministration administration;

    private WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    /** Every partner view of the coalition, as the JSON bodies the server sends; each read must be a 200. */
    private Map<String, String> partnerViews(String id) {
        Map<String, String> views = new LinkedHashMap<>();
        for (String path : List.of("", "/year-over-year?basis=coalition-year", "/year-over-year?basis=calendar-year",
                "/members?asOf=2019-03-06", "/members?asOf=2020-06-01", "/goals/progress", "/restatements")) {
            views.put(path, client(TestTokens.PARTNER).get().uri("/api/v1/coalitions/" + id + path)
                    .accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
        }
        return views;
    }

    private JsonNode progress() {
        return client(TestTokens.ADMIN).get().uri(PROGRESS).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private boolean replayCaughtUp() {
        StreamingEventProcessor processor = processing.eventProcessor("coalition-views",
                StreamingEventProcessor.class).orElseThrow();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        double claimed = status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
        return claimed > 1.0 - 1e-9 && status.values().stream().allMatch(s -> s.isCaughtUp()
                && (!s.isReplaying() || s.getCurrentPosition().orElse(-1)
                >= s.getResetPosition().orElse(Long.MAX_VALUE)));
    }

    @Test
    void rebuild_partnersReadTheCompletePublishedViews_untilTheNewCopyHasCaughtUp_thenTheNewCopy() {
        String id = foundCoalition();
        for (int i = 0; i < 30; i++) {
            recordListings(id, "rebuilt-" + i, LocalDate.of(2019, 1, 1), LocalDate.of(2019, 1, 1).plusDays(i * 20),
                    100 + i);
        }
        recordArrests(id, "rebuilt-arrests", LocalDate.of(2019, 5, 1), 7);
        send(new org.coalitionledger.api.reporting.CorrectRecordCommand(id, "rebuilt-3", 5L, null, null, null, null,
                null, null, null, "recount"));
        // Every record and the correction in every view (records are processed in parallel, so wait for all):
        // 30 batches of 100 + i listings, one corrected from 103 to 5.
        Map<String, String> before = eventually(() -> partnerViews(id), views -> List.of(
                "/year-over-year?basis=coalition-year", "/year-over-year?basis=calendar-year").stream()
                .allMatch(basis -> views.get(basis).contains("\"cumulative\":{\"listingsRemoved\":3337,")
                        && views.get(basis).contains("\"arrests\":7,") && views.get(basis).contains("rebuilt-3"))
                && views.get("/restatements").contains("rebuilt-3")
                && views.get("/goals/progress").contains("\"restated\":true")
                // The founding members join by events of their own, which may fold in a later batch.
                && views.get("").contains("\"memberCount\":2,"));
        Map<String, String> cewtoBefore = partnerViews("cewto");
        JsonNode idle = progress();
        assertThat(idle.path("state").asString()).isEqualTo("PUBLISHED");
        long published = idle.path("publishedGeneration").asLong();

        client(TestTokens.ADMIN).post().uri("/api/v1/admin/projections/rebuild")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"rebuild test\"}").exchange()
                .expectStatus().isAccepted();
        int readsWhileRebuilding = 0;
        synchronized (administration) {
            JsonNode rebuilding = progress();
            assertThat(rebuilding.path("state").asString()).isEqualTo("REBUILDING");
            assertThat(rebuilding.path("publishedGeneration").asLong()).isEqualTo(published);
            assertThat(rebuilding.path("buildingGeneration").asLong()).isEqualTo(published + 1);
            long head = rebuilding.path("head").asLong();
            assertThat(head).isPositive();
            // Recorded during the rebuild: goes into the copy being built only, so partners do not see it yet.
            recordListings(id, "during-rebuild", LocalDate.of(2021, 1, 1), LocalDate.of(2021, 2, 1), 99_999);

            // Until the switch-over, every read is the complete view from before the rebuild: during the replay and
            // after it has caught up.
            boolean caughtUp;
            do {
                caughtUp = replayCaughtUp();
                assertThat(partnerViews(id)).isEqualTo(before);
                readsWhileRebuilding++;
            } while (!caughtUp);
            assertThat(partnerViews("cewto")).isEqualTo(cewtoBefore);
            JsonNode done = progress();
            assertThat(done.path("state").asString()).isEqualTo("REBUILDING");
            assertThat(done.path("position").asLong()).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForObject("select count(*) from coalition_view_record where generation = ? "
                    + "and coalition_id = ?", Long.class, published + 1, id)).as("the new copy, complete")
                    .isEqualTo(32L);
        }
        assertThat(readsWhileRebuilding).isPositive();

        JsonNode switched = eventually(this::progress, p -> p.path("state").asString().equals("PUBLISHED"));
        assertThat(switched.path("publishedGeneration").asLong()).isEqualTo(published + 1);
        assertThat(switched.path("buildingGeneration").isNull()).isTrue();
        Map<String, String> after = partnerViews(id);
        assertThat(after.get("/year-over-year?basis=calendar-year")).contains("\"listingsRemoved\":99999");
        for (String unchanged : List.of("", "/members?asOf=2019-03-06", "/members?asOf=2020-06-01",
                "/restatements")) {
            assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
        assertThat(partnerViews("cewto")).isEqualTo(cewtoBefore);
        assertThat(jdbc.queryForObject("select count(*) from coalition_view_record where generation <> ?",
                Long.class, published + 1)).as("the old copy is gone").isZero();
    }

    /**
     * A rebuild resets every segment of the views processor, which Axon refuses while another node holds one: the
     * request is refused with a 409 that says so, records no rebuild, and leaves the published views in place and
     * this node's processor running.
     */
    @Test
    void rebuild_whileAnotherNodeHoldsASegmentOfTheViews_isRefused409_andChangesNothing() {
        String id = foundCoalition();
        Map<String, String> before = eventually(() -> partnerViews(id), views -> views.get("").contains(
                "\"memberCount\":2,"));
        long published = progress().path("publishedGeneration").asLong();
        String rebuildsRecorded = "select count(*) from domain_event_entry where payload_type like '%."
                + org.coalitionledger.api.admin.ViewsRebuildStartedEvent.class.getSimpleName() + "'";
        long rebuildsBefore = jdbc.queryForObject(rebuildsRecorded, Long.class);
        // Another node's claim, fresh for the length of the test.
        jdbc.update("update token_entry set owner = ?, timestamp = ? where processor_name = ? and segment = 0",
                "another-node", Instant.now().plus(Duration.ofHours(1)).toString(), "coalition-views");
        try {
            client(TestTokens.ADMIN).post().uri("/api/v1/admin/projections/rebuild")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"two nodes\"}").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("VIEWS_CLAIMED_BY_ANOTHER_NODE")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("another node processes the views", "another-node"));
        } finally {
            jdbc.update("update token_entry set owner = null where processor_name = ? and segment = 0 and owner = ?",
                    "coalition-views", "another-node");
        }
        JsonNode after = progress();
        assertThat(after.path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(after.path("publishedGeneration").asLong()).isEqualTo(published);
        assertThat(jdbc.queryForObject(rebuildsRecorded, Long.class)).as("rebuilds recorded").isEqualTo(rebuildsBefore);
        assertThat(partnerViews(id)).isEqualTo(before);
        // The processor runs again and claims the segment back: a batch recorded now reaches the views.
        recordListings(id, "after-refusal", LocalDate.of(2019, 1, 1), LocalDate.of(2019, 2, 1), 4242);
        eventually(() -> partnerViews(id), views -> views.get("/year-over-year?basis=calendar-year")
                .contains("\"listingsRemoved\":4242"));
    }

    @Test
    void rebuildProgress_rejected_403_forEveryoneButAdministrators() {
        for (String token : List.of(TestTokens.PARTNER, TestTokens.AUDITOR, TestTokens.MONITOR)) {
            client(token).get().uri(PROGRESS).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(403).jsonPath("$.code").exists();
        }
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri(PROGRESS).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Autowired
    QueryBus queryBus;

    @Autowired
    ViewGenerations generations;

    /**
     * A view's reads, made through the query bus as every partner read is, see one snapshot of the database, taken
     * at its first read (the published generation's number): what commits after it (a switch-over deleting the copy
     * that number names; here a row of another table) is not seen, in a table read before the commit or first read
     * after it. A transaction opened by the bus around the handler would take the place of the snapshot (Spring joins
     * it and drops the isolation asked for), and a snapshot taken per table at its first read (H2's repeatable read)
     * would show the table first read after the commit as it is now.
     */
    @Test
    void aViewHandlersReads_throughTheQueryBus_seeOneSnapshot_whateverCommitsBetweenThem() throws Exception {
        String node = "snapshot-probe-" + UUID.randomUUID();
        String count = "select count(*) from ledger_node where node_id = ?";
        Timestamp longAgo = Timestamp.from(Instant.parse("2000-01-01T00:00:00Z"));
        Registration handler = queryBus.subscribe("snapshot-probe", String.class, message ->
                generations.readPublished(generation -> {
                    CompletableFuture.runAsync(() -> jdbc.update("insert into ledger_node (node_id, started_at, "
                            + "last_seen) values (?, ?, ?)", node, longAgo, longAgo)).join();
                    long firstRead = jdbc.queryForObject(count, Long.class, node);
                    CompletableFuture.runAsync(() -> jdbc.update("update ledger_node set node_id = ? where node_id = ?",
                            node + "-moved", node)).join();
                    long secondRead = jdbc.queryForObject(count, Long.class, node);
                    return firstRead + " then " + secondRead;
                }));
        try {
            assertThat(queryGateway.query("snapshot-probe", "probe", String.class).get(30, TimeUnit.SECONDS))
                    .isEqualTo("0 then 0");
            assertThat(jdbc.queryForObject(count, Long.class, node + "-moved")).isEqualTo(1);
        } finally {
            handler.cancel();
            jdbc.update("delete from ledger_node where node_id in (?, ?)", node, node + "-moved");
        }
    }
}
