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
 * A page of the list of coalitions reads the ids of that page and one more (to tell whether another follows), however
 * many coalitions the ledger holds. Ids read are counted ({@link ViewRows#coalitionIdsRead}), never timed.
 */
@LedgerApplicationTest
class CoalitionListPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    ViewRows rows;
    @Autowired
    ViewGenerations generations;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    @Test
    void aPageOfTwo_readsThreeIds_whateverTheLedgerHolds() {
        for (int i = 0; i < 4; i++) {
            client(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(ApiFixtures.freshId("listed"))).exchange()
                    .expectStatus().isCreated();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> generations.readPublished(
                generation -> rows.coalitionIds(generation, null, 6).size()) > 5);

        long before = rows.coalitionIdsRead();
        client(TestTokens.PARTNER).get().uri("/api/v1/coalitions?limit=2").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.coalitions.length()").isEqualTo(2).jsonPath("$.next").isNotEmpty();
        assertThat(rows.coalitionIdsRead() - before).isEqualTo(3);
    }
}
