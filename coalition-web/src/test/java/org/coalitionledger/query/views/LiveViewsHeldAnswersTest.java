package org.coalitionledger.query.views;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coalition that keeps changing while partners read its live views: each change's answer replaces the one before,
 * so the answers held stay one per view however many changes there were (they were one per change, until the cache's
 * size bound, however large each answer). On the whole application, over HTTP.
 */
@LedgerApplicationTest
class LiveViewsHeldAnswersTest {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;

    @Autowired
    LiveViews liveViews;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    @Test
    void eachChangesAnswer_replacesThePreviousOne_oneHeldPerView() {
        String id = ApiFixtures.freshId("held");
        client(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();

        for (int i = 1; i <= 4; i++) {
            client(TestTokens.ADMIN).post().uri(C + id + "/takedown-batches").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.takedownBatch(id + "-b" + i, "2020-02-01", "2020-02-28", i))
                    .exchange().expectStatus().isCreated();
            long listings = (long) i * (i + 1) / 2;
            // Read until the view shows this batch: each read after a change computes that change's answer.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client(TestTokens.PARTNER).get()
                    .uri(C + id + "/year-over-year?basis=calendar-year").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.rows[0].figures.listingsRemoved").isEqualTo(listings));
            client(TestTokens.PARTNER).get().uri(C + id + "/goals/progress").exchange().expectStatus().isOk();
        }

        assertThat(liveViews.answersHeld(id)).isEqualTo(2);
    }
}
