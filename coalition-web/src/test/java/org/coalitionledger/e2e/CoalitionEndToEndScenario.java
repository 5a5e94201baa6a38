package org.coalitionledger.e2e;

import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path over HTTP on the real event store: found a coalition, add a member, record figures in two
 * coalition years, watch the year-over-year view (JSON and SSE), correct a figure and see the change arrive on the
 * open SSE subscription, then send a command the ledger refuses. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class CoalitionEndToEndScenario {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    @Test
    void coalitionLifecycle_acceptedAndVisible_overHttpAndSse() {
        WebTestClient admin = client(TestTokens.ADMIN);
        WebTestClient partner = client(TestTokens.PARTNER);
        String id = ApiFixtures.freshId("e2e");
        String batch = id + "-batch";

        // 1. Found the coalition (2020-01-15: coalition years run 15 January to 14 January).
        admin.post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/coalitions/" + id)
                .expectBody().jsonPath("$.recorded").isEqualTo(true).jsonPath("$.eventIds.length()").isEqualTo(4);

        // 2. A member joins; figures in the first and the second coalition year.
        admin.post().uri(C + id + "/members").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.join("initech", "2020-06-01")).exchange().expectStatus().isCreated();
        admin.post().uri(C + id + "/takedown-batches").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(batch, "2020-02-01", "2020-06-30", 100)).exchange()
                .expectStatus().isCreated();
        admin.post().uri(C + id + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest(id + "-arrests", "2021-03-01", 3)).exchange()
                .expectStatus().isCreated();

        // 3. The views are asynchronous: poll until both years show.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = yearOverYear(partner, id);
            assertThat(view.path("rows").size()).isGreaterThanOrEqualTo(2);
            assertThat(view.path("rows").get(0).path("figures").path("listingsRemoved").asLong()).isEqualTo(100);
            assertThat(view.path("rows").get(1).path("figures").path("arrests").asLong()).isEqualTo(3);
        });
        JsonNode before = yearOverYear(partner, id);
        assertThat(before.path("rows").get(0).path("label").asString()).isEqualTo("2020-01-15/2021-01-14");
        assertThat(before.path("rows").get(0).path("membersAtYearEnd").asLong()).isEqualTo(3);
        assertThat(before.path("rows").get(0).path("restated").asBoolean()).isFalse();
        assertThat(before.path("rows").get(1).path("cumulative").path("listingsRemoved").asLong()).isEqualTo(100);

        // 4. Subscribe to live updates, then correct the batch: the SSE stream delivers the restated view.
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        Disposable subscription = partner.get().uri(C + id + "/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
                }).getResponseBody()
                .filter(event -> "year-over-year".equals(event.event()))
                .subscribe(event -> received.add(event.data()));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            assertThat(received.get(0).path("rows").get(0).path("figures").path("listingsRemoved").asLong())
                    .isEqualTo(100);

            admin.post().uri(C + id + "/records/" + batch + "/corrections").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"listingsRemoved\": 150, \"reason\": \"the member re-counted\"}").exchange()
                    .expectStatus().isCreated()
                    .expectBody().jsonPath("$.eventIds.length()").isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).anySatisfy(view -> {
                JsonNode first = view.path("rows").get(0);
                assertThat(first.path("figures").path("listingsRemoved").asLong()).isEqualTo(150);
                assertThat(first.path("restated").asBoolean()).isTrue();
            }));
        } finally {
            subscription.dispose();
        }

        // 5. The JSON view changed too: year one restated, cumulative carried into year two.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode after = yearOverYear(partner, id);
            assertThat(after.path("rows").get(0).path("figures").path("listingsRemoved").asLong()).isEqualTo(150);
            assertThat(after.path("rows").get(0).path("restatedRecordIds").get(0).asString()).isEqualTo(batch);
            assertThat(after.path("rows").get(1).path("cumulative").path("listingsRemoved").asLong()).isEqualTo(150);
        });

        // 6. A command the ledger refuses: a founding member cannot join again.
        admin.post().uri(C + id + "/members").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.join("acme", "2020-07-01")).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:member-already-joined")
                .jsonPath("$.code").isEqualTo("MEMBER_ALREADY_JOINED")
                .jsonPath("$.status").isEqualTo(409);
    }

    private static JsonNode yearOverYear(WebTestClient client, String id) {
        return client.get().uri(C + id + "/year-over-year?basis=coalition-year").accept(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
