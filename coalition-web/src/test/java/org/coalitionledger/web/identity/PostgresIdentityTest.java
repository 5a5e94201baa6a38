package org.coalitionledger.web.identity;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.support.EventStoreRows;
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
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People and idempotency on PostgreSQL, where several nodes share one database: a key revoked on one node is refused
 * by the next request on every node; a second request with an Idempotency-Key whose first request is still in
 * flight is refused with 409 and records nothing.
 */
@PostgresLedgerApplicationTest
class PostgresIdentityTest {

    static final String C = "/api/v1/coalitions";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    AuditProperties audit;

    /**
     * A second application node on the same PostgreSQL database and the same signing key, as a cluster would run
     * it. (The key's path is read from the first node's settings: its data folder is named with ${random.uuid},
     * which resolves afresh each time it is read.)
     */
    ConfigurableApplicationContext secondNode() {
        Path keyFile = audit.keyFile().toAbsolutePath();
        return new SpringApplicationBuilder(CoalitionApplication.class).profiles("test", "postgres").run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--COALITION_DB_USER=" + environment.getRequiredProperty("COALITION_DB_USER"),
                "--COALITION_DB_PASSWORD=" + environment.getRequiredProperty("COALITION_DB_PASSWORD"),
                "--COALITION_DB_OWNER_USER=" + environment.getRequiredProperty("COALITION_DB_OWNER_USER"),
                "--COALITION_DB_OWNER_PASSWORD=" + environment.getRequiredProperty("COALITION_DB_OWNER_PASSWORD"),
                "--coalition.audit.key-file=" + keyFile,
                "--coalition.data-dir=" + keyFile.getParent().getParent(),
                "--coalition.first-year-history.enabled=false");
    }

    @Test
    void apiKey_issuedOnOneNode_usedOnAnother_revoked_nextRequestIs401_onEveryNode() {
        try (ConfigurableApplicationContext node2 = secondNode()) {
            int port2 = ((WebServerApplicationContext) node2).getWebServer().getPort();
            String subject = ApiFixtures.freshId("judy") + "@example.org";
            JsonNode issued = IdentityTestSupport.issue(IdentityTestSupport.client(port, TestTokens.ADMIN), subject,
                    "ADMIN");
            String token = issued.path("token").asString();
            String keyId = issued.path("key").path("keyId").asString();

            // Used on node 2: the events name the person and the key.
            String coalition = ApiFixtures.freshId("nodes");
            IdentityTestSupport.client(port2, token).post().uri(C).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
            IdentityTestSupport.client(port, TestTokens.AUDITOR).get().uri(C + "/" + coalition + "/events").exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.events.length()").isEqualTo(4)
                    .jsonPath("$.events[0].actor").isEqualTo(subject)
                    .jsonPath("$.events[0].credentialId").isEqualTo(keyId)
                    .jsonPath("$.events[0].authMethod").isEqualTo("api-key");

            // Revoked on node 1: the very next request on node 2, and on node 1, is refused. No restart.
            IdentityTestSupport.client(port, TestTokens.ADMIN).post().uri("/api/v1/admin/api-keys/" + keyId
                            + "/revocation").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"reason\": \"left the coalition secretariat\"}").exchange()
                    .expectStatus().isCreated();
            long before = EventStoreRows.count(jdbc);
            IdentityTestSupport.problem(IdentityTestSupport.client(port2, token).post()
                    .uri(C + "/" + coalition + "/arrests").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.arrest(coalition + "-a", "2020-02-01", 1)).exchange(), 401,
                    "UNAUTHENTICATED");
            IdentityTestSupport.problem(IdentityTestSupport.client(port, token).get().uri(C).exchange(), 401,
                    "UNAUTHENTICATED");
            assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        }
    }

    @Test
    void apiKeys_listedNewestFirst_aPageAtATime_andEveryOneOnce_onPostgreSQL() {
        WebTestClient admin = IdentityTestSupport.client(port, TestTokens.ADMIN);
        for (int i = 0; i < 3; i++) {
            IdentityTestSupport.issue(admin, ApiFixtures.freshId("paged") + "@example.org", "AUDITOR");
        }
        assertThat(IdentityTestSupport.everyKeyId(admin, "/api/v1/admin/api-keys?limit=2", 2))
                .doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3)
                .isEqualTo(jdbc.queryForList("select key_id from api_key order by issued_at desc, key_id desc",
                        String.class));
    }

    @Test
    void aSecondRequest_whileTheFirstIsInFlight_gets409_andRecordsNothing() throws Exception {
        String coalition = ApiFixtures.freshId("inflight");
        IdentityTestSupport.client(port, TestTokens.ADMIN).post().uri(C).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        String key = "in-flight-" + coalition;
        WebClient web = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
        long before = EventStoreRows.count(jdbc);
        CompletableFuture<Integer> first;
        // As the schema owner: the application's own role may only append to the event table, not lock it.
        try (Connection lock = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("COALITION_DB_OWNER_USER"),
                environment.getRequiredProperty("COALITION_DB_OWNER_PASSWORD"))) {
            // Hold the first request inside its command: nothing can be appended to the event store until we let go.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table domain_event_entry in exclusive mode");
            }
            first = post(web, coalition, key, coalition + "-first").toFuture();
            await().atMost(Duration.ofSeconds(30)).until(() -> "IN_FLIGHT".equals(jdbc.query(
                    "select status from idempotency_key where idem_key = ?",
                    rs -> rs.next() ? rs.getString(1) : null, key)));

            // The same key while the first runs, with another body or the same one: 409, nothing recorded.
            IdentityTestSupport.problem(IdentityTestSupport.client(port, TestTokens.ADMIN).post()
                    .uri(C + "/" + coalition + "/arrests").header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.arrest(coalition + "-second", "2020-02-01", 1)).exchange(), 409,
                    "IDEMPOTENCY_KEY_IN_FLIGHT");
            IdentityTestSupport.problem(IdentityTestSupport.client(port, TestTokens.ADMIN).post()
                    .uri(C + "/" + coalition + "/arrests").header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.arrest(coalition + "-first", "2020-02-01", 1)).exchange(), 409,
                    "IDEMPOTENCY_KEY_IN_FLIGHT");
            assertThat(first).isNotDone();
            lock.rollback();
        }
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, "record:" + coalition + ":" + coalition + "-second")).isZero();
        // Now that the first has finished, its answer is replayed for the same request.
        IdentityTestSupport.client(port, TestTokens.ADMIN).post().uri(C + "/" + coalition + "/arrests")
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest(coalition + "-first", "2020-02-01", 1)).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    private static reactor.core.publisher.Mono<Integer> post(WebClient web, String coalition, String key,
                                                             String recordId) {
        return web.post().uri(C + "/" + coalition + "/arrests").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.arrest(recordId, "2020-02-01", 1))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}
