package org.coalitionledger.web.deadletter;

import org.axonframework.config.EventProcessingConfiguration;
import org.coalitionledger.query.views.GenerationFill;
import org.coalitionledger.query.views.ViewGenerations;
import org.coalitionledger.support.PoisonedEvents;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event in the coalition views: it is parked in the dead-letter queue with the rest of its coalition's
 * events while other coalitions' views go on; the poisoned coalition's views say they are stale; administrators
 * list, inspect, retry and evict the letters over HTTP, and each retry and eviction is a ledger fact in the history
 * of administrative acts. The poison is {@link PoisonedEvents}: a handler in the views' processing group that fails
 * on the batch ids a test names.
 */
abstract class DeadLetterContract {

    private static final String DEAD_LETTERS = "/api/v1/admin/dead-letters";
    private static final String STALE = "Ledger-View-Stale";
    private static final String STALE_SINCE = "Ledger-View-Stale-Since";

    @LocalServerPort
    int port;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    private String foundCoalition(String prefix) {
        String id = ApiFixtures.freshId(prefix);
        client(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private void recordBatch(String coalitionId, String batchId, long listings) {
        client(TestTokens.ADMIN).post().uri("/api/v1/coalitions/" + coalitionId + "/takedown-batches")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(batchId, "2020-02-01", "2020-02-28", listings))
                .exchange().expectStatus().isCreated();
    }

    private EntityExchangeResult<JsonNode> yearOverYear(String coalitionId) {
        return client(TestTokens.PARTNER).get().uri("/api/v1/coalitions/" + coalitionId + "/year-over-year")
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult();
    }

    /** Listings removed since founding, as the live year-over-year view shows them (0 before any batch). */
    private static long listings(JsonNode view) {
        JsonNode rows = view.path("rows");
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).path("cumulative").path("listingsRemoved").asLong();
    }

    private EntityExchangeResult<JsonNode> awaitView(String coalitionId, Predicate<EntityExchangeResult<JsonNode>> done) {
        List<EntityExchangeResult<JsonNode>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            EntityExchangeResult<JsonNode> result = yearOverYear(coalitionId);
            last.clear();
            last.add(result);
            return done.test(result);
        });
        return last.get(0);
    }

    private List<JsonNode> lettersOf(String coalitionId) {
        JsonNode list = client(TestTokens.ADMIN).get().uri(DEAD_LETTERS + "?limit=1000").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<JsonNode> letters = new ArrayList<>();
        list.path("deadLetters").forEach(letter -> {
            if (coalitionId.equals(letter.path("coalitionId").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private List<JsonNode> awaitLetters(String coalitionId, int count) {
        List<List<JsonNode>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.clear();
            last.add(lettersOf(coalitionId));
            return last.get(0).size() == count;
        });
        return last.get(0);
    }

    private WebTestClient.ResponseSpec act(String token, String deadLetterId, String action, String reason) {
        return client(token).post().uri(DEAD_LETTERS + "/" + deadLetterId + "/" + action)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(reason == null ? "{}" : "{\"reason\": \"" + reason + "\"}").exchange();
    }

    /** Every administrative act on one dead letter's stream, in order. */
    private List<JsonNode> actsOn(String deadLetterId) {
        List<JsonNode> acts = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = client(TestTokens.AUDITOR).get().uri("/api/v1/admin/events?limit=1000" + after)
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            page.path("events").forEach(e -> {
                if (("admin:dead-letter:" + deadLetterId).equals(e.path("aggregateId").asString())) {
                    acts.add(e);
                }
            });
            if (page.path("next").isMissingNode() || page.path("next").isNull()) {
                return acts;
            }
            after = "&after=" + page.path("next").asLong();
        }
    }

    @Autowired
    GenerationFill fill;

    @Autowired
    ViewGenerations generations;

    @Autowired
    EventProcessingConfiguration processing;

    /**
     * A fill would fold the events the replay queues behind a parked coalition's letters, and their retry would fold
     * them again: with letters parked, a rebuild replays without a fill.
     */
    @Test
    void aRebuildWhileLettersAreParked_replaysTheStoreWithoutAFill() {
        String poisoned = foundCoalition("dlq-rebuilt");
        String poison = ApiFixtures.freshId("poison");
        PoisonedEvents.poison(poison);
        try {
            recordBatch(poisoned, poison, 200);
            awaitLetters(poisoned, 1);
            long published = generations.state().published();
            GenerationFill.Report before = fill.lastReport();

            client(TestTokens.ADMIN).post().uri("/api/v1/admin/projections/rebuild")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"rebuild with letters\"}")
                    .exchange().expectStatus().isAccepted();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    generations.state().published() == published + 1 && generations.state().building() == null);

            assertThat(fill.lastReport()).as("the last fill, from before this rebuild").isSameAs(before);
        } finally {
            PoisonedEvents.cure(poison);
            // The replay queued the coalition's events again behind its letter: none of them is this test's to keep.
            processing.deadLetterQueue("coalition-views").orElseThrow().clear();
        }
    }

    @Test
    void poisonEvent_parksItsCoalition_othersAdvance_viewsSayStale_retryAfterTheFix_catchesUp() {
        String poisoned = foundCoalition("dlq-poisoned");
        String healthy = foundCoalition("dlq-healthy");
        String poison = ApiFixtures.freshId("poison");
        PoisonedEvents.poison(poison);
        try {
            recordBatch(poisoned, ApiFixtures.freshId("before"), 10);
            recordBatch(poisoned, poison, 200);
            recordBatch(poisoned, ApiFixtures.freshId("after"), 3000);
            recordBatch(healthy, ApiFixtures.freshId("healthy"), 5);

            // The poison and the event behind it are parked; the rest of the ledger goes on.
            List<JsonNode> letters = awaitLetters(poisoned, 2);
            assertThat(listings(awaitView(healthy, r -> listings(r.getResponseBody()) == 5).getResponseBody()))
                    .isEqualTo(5);
            assertThat(yearOverYear(healthy).getResponseHeaders().getFirst(STALE)).isNull();
            EntityExchangeResult<JsonNode> stale = awaitView(poisoned, r -> listings(r.getResponseBody()) == 10);
            assertThat(stale.getResponseHeaders().getFirst(STALE)).isEqualTo("true");
            Instant staleSince = Instant.parse(stale.getResponseHeaders().getFirst(STALE_SINCE));
            assertThat(client(TestTokens.PARTNER).get().uri("/api/v1/coalitions/" + poisoned).exchange()
                    .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst(STALE))
                    .isEqualTo("true");
            // A view folded from the log is not the projection's: never stale (once the log, which runs behind the
            // commits, has taken the founding, the view as recorded at now exists).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(client(TestTokens.PARTNER).get().uri("/api/v1/coalitions/" + poisoned
                                    + "/year-over-year?recordedAt=" + Instant.now()).exchange().expectStatus().isOk()
                            .returnResult(String.class).getResponseHeaders().getFirst(STALE)).isNull());

            // Listed in order: the failed event first (with its cause), then the one parked behind it.
            JsonNode first = letters.get(0);
            assertThat(first.path("sequenceIdentifier").asString()).isEqualTo("coalition:" + poisoned);
            assertThat(first.path("processingGroup").asString()).isEqualTo("coalition-views");
            assertThat(first.path("causeMessage").asString()).contains("test poison").contains(poison);
            assertThat(first.path("payload").isNull() || first.path("payload").isMissingNode()).isTrue();
            assertThat(letters.get(1).path("sequenceIndex").asLong())
                    .isGreaterThan(first.path("sequenceIndex").asLong());
            String letterId = first.path("deadLetterId").asString();
            JsonNode inspected = client(TestTokens.ADMIN).get().uri(DEAD_LETTERS + "/" + letterId).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(inspected.path("payloadType").asString())
                    .isEqualTo("org.coalitionledger.api.reporting.TakedownBatchRecordedEvent");
            assertThat(inspected.path("payload").asString()).contains(poison).contains("200");
            assertThat(inspected.path("metaData").asString()).contains("actor");
            assertThat(Instant.parse(inspected.path("enqueuedAt").asString())).isEqualTo(staleSince);

            // Retried before the fix: the poison fails again and everything stays parked and stale.
            JsonNode failed = act(TestTokens.ADMIN, letterId, "retry", "try again before the fix").expectStatus()
                    .isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(failed.path("succeeded").asBoolean()).isFalse();
            assertThat(failed.path("stillParked").asLong()).isEqualTo(2);
            assertThat(lettersOf(poisoned)).hasSize(2);
            assertThat(listings(yearOverYear(poisoned).getResponseBody())).isEqualTo(10);

            // The fix is deployed: a retry handles the whole sequence in order, and the views are current again.
            PoisonedEvents.cure(poison);
            JsonNode retried = act(TestTokens.ADMIN, letterId, "retry", "projection fix deployed").expectStatus()
                    .isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(retried.path("succeeded").asBoolean()).isTrue();
            assertThat(retried.path("stillParked").asLong()).isZero();
            assertThat(lettersOf(poisoned)).isEmpty();
            EntityExchangeResult<JsonNode> current = yearOverYear(poisoned);
            assertThat(listings(current.getResponseBody())).isEqualTo(3210);
            assertThat(current.getResponseHeaders().getFirst(STALE)).isNull();

            // Both retries are ledger facts, with the person, the reason and the outcome.
            List<JsonNode> acts = actsOn(letterId);
            assertThat(acts).hasSize(2).allSatisfy(act -> {
                assertThat(act.path("type").asString())
                        .isEqualTo("org.coalitionledger.api.admin.DeadLetterRetriedEvent");
                assertThat(act.path("actor").asString()).isEqualTo("admin");
                assertThat(act.path("actorRole").asString()).isEqualTo("ADMIN");
                assertThat(act.path("payload").path("sequenceIdentifier").asString())
                        .isEqualTo("coalition:" + poisoned);
            });
            assertThat(acts.get(0).path("payload").path("succeeded").asBoolean()).isFalse();
            assertThat(acts.get(1).path("payload").path("succeeded").asBoolean()).isTrue();
            assertThat(acts.get(1).path("payload").path("reason").asString()).isEqualTo("projection fix deployed");
        } finally {
            PoisonedEvents.cure(poison);
        }
    }

    @Test
    void evict_removesOneLetter_theViewsSkipItsEvent_andTheEvictionIsRecorded() {
        String coalition = foundCoalition("dlq-evict");
        String poison = ApiFixtures.freshId("poison");
        PoisonedEvents.poison(poison);
        try {
            recordBatch(coalition, ApiFixtures.freshId("before"), 1);
            recordBatch(coalition, poison, 20);
            recordBatch(coalition, ApiFixtures.freshId("after"), 300);
            List<JsonNode> letters = awaitLetters(coalition, 2);
            String poisonLetter = letters.get(0).path("deadLetterId").asString();
            String behind = letters.get(1).path("deadLetterId").asString();

            JsonNode evicted = act(TestTokens.ADMIN, poisonLetter, "eviction", "figure withdrawn by the reporter")
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(evicted.path("stillParked").asLong()).isEqualTo(1);
            assertThat(lettersOf(coalition)).extracting(l -> l.path("deadLetterId").asString())
                    .containsExactly(behind);
            // Still stale: an event is still parked behind the evicted one.
            assertThat(yearOverYear(coalition).getResponseHeaders().getFirst(STALE)).isEqualTo("true");
            act(TestTokens.ADMIN, poisonLetter, "eviction", "again").expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("DEAD_LETTER_NOT_FOUND");

            JsonNode retried = act(TestTokens.ADMIN, behind, "retry", "handle the rest").expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(retried.path("succeeded").asBoolean()).isTrue();
            EntityExchangeResult<JsonNode> current = yearOverYear(coalition);
            assertThat(listings(current.getResponseBody())).isEqualTo(301);
            assertThat(current.getResponseHeaders().getFirst(STALE)).isNull();

            assertThat(actsOn(poisonLetter)).singleElement().satisfies(act -> {
                assertThat(act.path("type").asString())
                        .isEqualTo("org.coalitionledger.api.admin.DeadLetterEvictedEvent");
                assertThat(act.path("actor").asString()).isEqualTo("admin");
                assertThat(act.path("payload").path("reason").asString())
                        .isEqualTo("figure withdrawn by the reporter");
                assertThat(act.path("payload").path("eventId").asString())
                        .isEqualTo(letters.get(0).path("eventId").asString());
            });
            assertThat(actsOn(behind)).singleElement().satisfies(act -> assertThat(act.path("type").asString())
                    .isEqualTo("org.coalitionledger.api.admin.DeadLetterRetriedEvent"));
        } finally {
            PoisonedEvents.cure(poison);
        }
    }

    @Test
    void deadLetters_areForAdministratorsOnly_andBadRequestsRecordNothing() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        for (String token : new String[]{TestTokens.PARTNER, TestTokens.AUDITOR}) {
            client(token).get().uri(DEAD_LETTERS).exchange().expectStatus().isForbidden();
            client(token).get().uri(DEAD_LETTERS + "/" + unknown).exchange().expectStatus().isForbidden();
            act(token, unknown, "retry", "not mine").expectStatus().isForbidden();
            act(token, unknown, "eviction", "not mine").expectStatus().isForbidden();
        }
        client(TestTokens.ADMIN).get().uri(DEAD_LETTERS + "/" + unknown).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("DEAD_LETTER_NOT_FOUND");
        act(TestTokens.ADMIN, unknown, "retry", "nothing there").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("DEAD_LETTER_NOT_FOUND");
        act(TestTokens.ADMIN, unknown, "eviction", null).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("MISSING_FIELD");
        act(TestTokens.ADMIN, "Not An Id", "retry", "bad id").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_ID");
        for (String bad : new String[]{"?limit=0", "?limit=1001"}) {
            client(TestTokens.ADMIN).get().uri(DEAD_LETTERS + bad).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        }
        assertThat(actsOn(unknown)).isEmpty();
    }
}
