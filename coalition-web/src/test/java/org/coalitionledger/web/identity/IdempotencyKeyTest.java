package org.coalitionledger.web.identity;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Keys without races: the key is reserved before the command runs, so of two requests with one key only
 * one ever reaches the ledger; a failed command frees its key; keys belong to a person and expire.
 */
@LedgerApplicationTest
class IdempotencyKeyTest {

    static final String C = "/api/v1/coalitions";
    static final int RACES = 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    record Answer(int status, String body) {
    }

    String founded() {
        String id = ApiFixtures.freshId("idem");
        IdentityTestSupport.client(port, TestTokens.ADMIN).post().uri(C).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        return id;
    }

    WebTestClient.ResponseSpec arrest(String token, String coalition, String key, String recordId, String date) {
        return IdentityTestSupport.client(port, token).post().uri(C + "/" + coalition + "/arrests")
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest(recordId, date, 1)).exchange();
    }

    long streamLength(String coalition, String recordId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, "record:" + coalition + ":" + recordId);
    }

    @Test
    void sameKeyDifferentBodies_inParallel_onlyOneRuns_andTheRefusedOneRecordsNothing_100times() {
        String coalition = founded();
        // Two connections, so the two requests of a race really run side by side.
        WebClient web = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.create("idempotency-race", 2))))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
        Map<String, Integer> refusals = new TreeMap<>();
        for (int i = 0; i < RACES; i++) {
            String key = "race-" + coalition + "-" + i;
            String a = coalition + "-" + i + "-a";
            String b = coalition + "-" + i + "-b";
            long before = EventStoreRows.count(jdbc);

            var both = Mono.zip(post(web, coalition, key, a), post(web, coalition, key, b))
                    .block(Duration.ofSeconds(60));
            List<Answer> answers = List.of(both.getT1(), both.getT2());

            assertThat(answers).as("race %d: %s", i, answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
            int winner = answers.get(0).status() == 201 ? 0 : 1;
            Answer refused = answers.get(1 - winner);
            String refusedRecord = winner == 0 ? b : a;
            String winnerRecord = winner == 0 ? a : b;
            // In flight (409) or already completed for another body (422): never recorded.
            assertThat(refused.status()).as("race %d: %s", i, refused).isIn(409, 422);
            assertThat(refused.body()).contains(refused.status() == 409
                    ? "\"code\":\"IDEMPOTENCY_KEY_IN_FLIGHT\"" : "\"code\":\"IDEMPOTENCY_KEY_REUSED\"");
            refusals.merge(refused.status() == 409 ? "in flight" : "reused", 1, Integer::sum);
            assertThat(streamLength(coalition, refusedRecord)).as("race %d: the refused request's record", i).isZero();
            assertThat(streamLength(coalition, winnerRecord)).isEqualTo(1);
            assertThat(EventStoreRows.count(jdbc)).as("race %d: exactly one event", i).isEqualTo(before + 1);
        }
        assertThat(refusals.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RACES);
    }

    private static Mono<Answer> post(WebClient web, String coalition, String key, String recordId) {
        return web.post().uri(C + "/" + coalition + "/arrests").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.arrest(recordId, "2020-02-01", 1))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), body)));
    }

    @Test
    void aFailedCommand_releasesItsKey_soACorrectedRetryRuns_thenRepeatsReplay_andOtherBodiesAre422() {
        String coalition = founded();
        String key = "retry-" + coalition;
        String record = coalition + "-r";
        // Before the founding date: refused by the ledger, and the key is free again.
        IdentityTestSupport.problem(arrest(TestTokens.ADMIN, coalition, key, record, "2019-01-01"), 409,
                "BEFORE_FOUNDING_DATE");
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where idem_key = ?", Long.class, key))
                .isZero();
        long before = EventStoreRows.count(jdbc);
        arrest(TestTokens.ADMIN, coalition, key, record, "2020-02-01").expectStatus().isCreated();
        arrest(TestTokens.ADMIN, coalition, key, record, "2020-02-01").expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        IdentityTestSupport.problem(arrest(TestTokens.ADMIN, coalition, key, record + "-other", "2020-02-01"), 422,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);
        assertThat(streamLength(coalition, record + "-other")).isZero();
    }

    @Test
    void keys_areScopedToThePerson() {
        String coalition = founded();
        String key = "shared-" + coalition;
        String alice = IdentityTestSupport.issue(IdentityTestSupport.client(port, TestTokens.ADMIN),
                ApiFixtures.freshId("alice") + "@example.org", "ADMIN").path("token").asString();
        arrest(TestTokens.ADMIN, coalition, key, coalition + "-admin", "2020-02-01").expectStatus().isCreated();
        // The same key from another person is theirs alone: not a reuse.
        arrest(alice, coalition, key, coalition + "-alice", "2020-02-01").expectStatus().isCreated();
        assertThat(streamLength(coalition, coalition + "-alice")).isEqualTo(1);
    }

    @Test
    void keys_expire_afterTheirTimeToLive() {
        String coalition = founded();
        String key = "expiring-" + coalition;
        arrest(TestTokens.ADMIN, coalition, key, coalition + "-first", "2020-02-01").expectStatus().isCreated();
        IdentityTestSupport.problem(arrest(TestTokens.ADMIN, coalition, key, coalition + "-second", "2020-02-01"),
                422, "IDEMPOTENCY_KEY_REUSED");
        // A day and an hour pass (the default time to live is 24 hours): the key starts afresh.
        jdbc.update("update idempotency_key set created_at = ? where idem_key = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(25))), key);
        arrest(TestTokens.ADMIN, coalition, key, coalition + "-second", "2020-02-01").expectStatus().isCreated();
        assertThat(streamLength(coalition, coalition + "-second")).isEqualTo(1);
    }
}
