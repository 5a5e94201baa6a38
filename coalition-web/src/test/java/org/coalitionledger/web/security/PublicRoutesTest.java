package org.coalitionledger.web.security;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anyone may read without a token: the dashboard and its assets, and the latest signed checkpoint with the key
 * to check it. The rest of the verifiable log stays the auditors'.
 */
@LedgerApplicationTest
class PublicRoutesTest {

    @LocalServerPort
    int port;

    WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void dashboardAndItsAssets_areServedToAnyone() {
        String page = anonymous().get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<title>Coalition Ledger dashboard</title>", "/dashboard/app.js",
                "/webjars/echarts/5.3.1/dist/echarts.min.js");
        for (String asset : new String[]{"/dashboard/app.js", "/dashboard/api.js", "/dashboard/charts.js",
                "/dashboard/i18n.js", "/dashboard/dashboard.css", "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
            anonymous().get().uri(asset).exchange().expectStatus().isOk();
        }
        // An asset that does not exist is simply not found (not a sign-in prompt).
        anonymous().get().uri("/dashboard/no-such-file.js").exchange().expectStatus().isNotFound();
        assertThat(ApiRoutes.ruleFor(HttpMethod.GET, "/dashboard/app.js")).map(ApiRoutes.Rule::access)
                .contains(Access.PUBLIC);
        assertThat(ApiRoutes.ruleFor(HttpMethod.POST, "/dashboard/app.js")).isEmpty();
    }

    @Test
    void latestCheckpointAndPublicKey_areReadableWithoutAToken_theRestOfTheLogIsNot() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build()
                .post().uri("/api/v1/audit/checkpoints").exchange().expectStatus().is2xxSuccessful();

        anonymous().get().uri("/api/v1/audit/checkpoint").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.treeSize").isNumber().jsonPath("$.note").isNotEmpty();
        anonymous().get().uri("/api/v1/audit/checkpoint").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
        anonymous().get().uri("/api/v1/audit/public-key").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.algorithm").isEqualTo("Ed25519");

        anonymous().get().uri("/api/v1/audit/checkpoints/1").exchange().expectStatus().isUnauthorized();
        anonymous().get().uri("/api/v1/audit/leaves").exchange().expectStatus().isUnauthorized();
        anonymous().post().uri("/api/v1/audit/checkpoints").exchange().expectStatus().isUnauthorized();
        anonymous().get().uri("/api/v1/audit/verification").exchange().expectStatus().isUnauthorized();
    }
}
