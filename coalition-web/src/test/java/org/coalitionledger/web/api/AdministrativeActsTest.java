package org.coalitionledger.web.api;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection rebuild is a ledger fact: recorded with the person who asked and the reason, on an {@code admin:}
 * stream, and shown to auditors in the history of administrative acts.
 */
@LedgerApplicationTest
class AdministrativeActsTest {

    private static final String REBUILD = "/api/v1/admin/projections/rebuild";
    private static final String ADMIN_EVENTS = "/api/v1/admin/events";
    private static final String STARTED = "org.coalitionledger.api.admin.ViewsRebuildStartedEvent";

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    private WebTestClient.ResponseSpec rebuild(String body) {
        return client(TestTokens.ADMIN).post().uri(REBUILD).contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", "ops-ticket-42").bodyValue(body).exchange();
    }

    /** Every administrative event, following the pages. */
    private List<JsonNode> administrativeEvents(int pageSize) {
        List<JsonNode> events = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = client(TestTokens.AUDITOR).get().uri(ADMIN_EVENTS + "?limit=" + pageSize + after)
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            page.path("events").forEach(events::add);
            if (page.path("next").isMissingNode() || page.path("next").isNull()) {
                return events;
            }
            after = "&after=" + page.path("next").asLong();
        }
    }

    private void awaitViewsRebuilt() {
        StreamingEventProcessor processor = processing.eventProcessor("coalition-views", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp() && !s.isReplaying()));
    }

    @Test
    void rebuild_accepted_andShownInTheAdministrativeHistory_withItsPersonAndReason() {
        var result = rebuild("{\"reason\": \"projection fix deployed\"}").expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult();
        awaitViewsRebuilt();
        String rebuildId = result.getResponseBody().path("rebuildId").asString();
        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(result.getResponseBody().path("processors").get(0).asString()).isEqualTo("coalition-views");

        List<JsonNode> acts = administrativeEvents(1);

        assertThat(acts).filteredOn(e -> rebuildId.equals(e.path("payload").path("rebuildId").asString()))
                .singleElement().satisfies(event -> {
                    assertThat(event.path("type").asString()).isEqualTo(STARTED);
                    assertThat(event.path("aggregateId").asString()).isEqualTo("admin:views-rebuild:" + rebuildId);
                    assertThat(event.path("actor").asString()).isEqualTo("admin");
                    assertThat(event.path("actorRole").asString()).isEqualTo("ADMIN");
                    assertThat(event.path("requestId").asString()).isEqualTo(requestId);
                    assertThat(event.path("clientRequestId").asString()).isEqualTo("ops-ticket-42");
                    assertThat(event.path("payload").path("reason").asString()).isEqualTo("projection fix deployed");
                    assertThat(event.path("payload").path("processors").get(0).asString())
                            .isEqualTo("coalition-views");
                    assertThat(event.path("globalIndex").asLong()).isPositive();
                    assertThat(event.path("recordedAt").asString()).isNotBlank();
                });
        // Only administrative acts: no coalition or record event.
        assertThat(acts).allSatisfy(e -> assertThat(e.path("aggregateId").asString()).startsWith("admin:"));
        // And never among a coalition's history.
        String cewto = client(TestTokens.AUDITOR).get().uri("/api/v1/coalitions/cewto/events?limit=1000").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(cewto).doesNotContain(STARTED);
    }

    @Test
    void rebuild_rejected_400_withoutAReason_andNothingIsRecordedOrRebuilt() {
        int before = administrativeEvents(1000).size();

        // Absent or null: MISSING_FIELD (as everywhere); blank: VALIDATION_FAILED.
        for (String body : new String[]{"{}", "{\"reason\": \"   \"}", "{\"reason\": null}"}) {
            rebuild(body).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo(body.contains("   ") ? "VALIDATION_FAILED" : "MISSING_FIELD")
                    .jsonPath("$.errors[0].field").isEqualTo("reason");
        }
        rebuild("{\"reason\": \"" + "x".repeat(1001) + "\"}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_TEXT")
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:invalid-text");
        client(TestTokens.ADMIN).post().uri(REBUILD).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(administrativeEvents(1000)).hasSize(before);
    }

    @Test
    void administrativeHistory_isForAuditors_withBoundedPaging() {
        client(TestTokens.PARTNER).get().uri(ADMIN_EVENTS).exchange().expectStatus().isForbidden();
        client(TestTokens.ADMIN).get().uri(ADMIN_EVENTS).exchange().expectStatus().isForbidden();
        for (String bad : new String[]{"?limit=0", "?limit=1001", "?after=-1", "?after=" + Long.MAX_VALUE}) {
            client(TestTokens.AUDITOR).get().uri(ADMIN_EVENTS + bad).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        }
    }
}
