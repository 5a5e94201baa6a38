package org.coalitionledger.log;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view as of a signed checkpoint is the same answer from every node and at every later moment: a second
 * application (a fresh process state on the same PostgreSQL database, as after a restart) answers it byte for byte
 * as the first did, after more facts were recorded and signed.
 */
@PostgresLedgerApplicationTest
class PostgresViewsAsOfCheckpointTest {

    private static final List<String> VIEWS = List.of("", "/year-over-year?basis=coalition-year",
            "/year-over-year?basis=calendar-year", "/members?asOf=2019-03-06", "/goals/progress", "/restatements");

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    AuditProperties properties;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void viewsAsOfACheckpoint_areTheSame_fromASecondNode_afterMoreWasRecorded() {
        WebTestClient first = client(port);
        awaitLogCaughtUp();
        long size = signCheckpoint(first);
        List<String> before = views(first, size);

        first.post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(
                        ApiFixtures.freshId("later"))).exchange().expectStatus().isCreated();
        awaitLogCaughtUp();
        assertThat(signCheckpoint(first)).isGreaterThan(size);

        // The same data folder: a node of this ledger holds its signing key.
        Path dataDir = properties.keyFile().toAbsolutePath().getParent().getParent();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoalitionApplication.class)
                .profiles("test", "postgres")
                .properties("COALITION_DB_NAME=" + environment.getProperty("COALITION_DB_NAME"),
                        setting("COALITION_DB_USER"), setting("COALITION_DB_PASSWORD"),
                        setting("COALITION_DB_OWNER_USER"), setting("COALITION_DB_OWNER_PASSWORD"),
                        "coalition.data-dir=" + dataDir, "server.port=0")
                .run()) {
            WebTestClient other = client(((WebServerApplicationContext) second).getWebServer().getPort());
            assertThat(views(other, size)).isEqualTo(before);
        }
        assertThat(views(first, size)).isEqualTo(before);
    }

    private List<String> views(WebTestClient client, long size) {
        List<String> bodies = new ArrayList<>();
        for (String view : VIEWS) {
            String uri = "/api/v1/coalitions/cewto" + view + (view.contains("?") ? "&" : "?") + "asOfCheckpoint="
                    + size;
            bodies.add(client.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.PARTNER))
                    .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Ledger-Checkpoint", String.valueOf(size))
                    .expectBody(String.class).returnResult().getResponseBody());
        }
        return bodies;
    }

    private long signCheckpoint(WebTestClient client) {
        String body = client.post().uri("/api/v1/audit/checkpoints").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().is2xxSuccessful()
                .expectBody(String.class).returnResult().getResponseBody();
        return Long.parseLong(body.replaceAll(".*\"treeSize\":(\\d+).*", "$1"));
    }

    private void awaitLogCaughtUp() {
        LogCatchUp.await(jdbc);
    }

    private String setting(String name) {
        return name + "=" + environment.getProperty(name, "");
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }
}
