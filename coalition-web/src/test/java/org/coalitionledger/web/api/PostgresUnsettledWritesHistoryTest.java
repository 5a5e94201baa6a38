package org.coalitionledger.web.api;

import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.support.PostgresInsiderTest;
import org.coalitionledger.support.SchemaOwner;
import org.coalitionledger.web.security.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write that took its global index before others and has not committed yet: on PostgreSQL, a value taken from the
 * event store's sequence and not (yet) stored, with later events committed after it. An event-history page never
 * leads its reader past it while it may still commit (the reader would never see it), and goes on past it once the
 * {@code history-settle-time} has passed without it (a write that rolled back). Run on the insider's database, where
 * that time is a few seconds (elsewhere in the tests, zero), so that the gap holds no other test's history back for
 * long.
 */
@PostgresInsiderTest
class PostgresUnsettledWritesHistoryTest {

    @Autowired
    Flyway flyway;
    @Autowired
    AuditLogStore store;
    @Autowired
    AuditProperties properties;
    @LocalServerPort
    int port;

    JdbcTemplate owner;
    WebTestClient client;

    @BeforeEach
    void connect() {
        owner = SchemaOwner.jdbc(flyway);
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void anIndexTakenAndNotStored_beforeALaterEvent_isUnsettledWithinTheDelay_andSettledAfterIt() {
        String coalition = founded();
        long before = head();
        long taken = takeAnIndex();
        long batch = recordBatch(coalition);
        Instant now = Instant.now();
        Duration delay = Duration.ofHours(1);

        assertThat(store.unsettledGap(before, batch, now, delay)).isEqualTo(OptionalLong.of(taken));
        assertThat(store.unsettledGap(before, batch, now.plus(Duration.ofHours(3)), delay))
                .as("the later event stored longer than the delay ago: the write rolled back").isEmpty();
        assertThat(store.unsettledGap(taken, batch, now, delay)).as("a cursor already past it").isEmpty();
        assertThat(store.unsettledGap(before, taken - 1, now, delay)).as("a page ending before it").isEmpty();
    }

    @Test
    void historyPages_stopBeforeAWriteThatMayStillCommit_andGoOnOnceTheDelayHasPassedWithoutIt() {
        String coalition = founded();
        long after = head();
        long[] written = null;
        // A slow machine may take longer than this database's short delay between the writes and the reads, which
        // shows nothing: then the writes are made afresh.
        for (int attempt = 1; written == null; attempt++) {
            assertThat(attempt).as("attempts to read within the delay").isLessThanOrEqualTo(5);
            written = withheldWhileTheWriteMayCommit(coalition, after);
        }
        long batch = written[0];
        long act = written[1];
        await().atMost(properties.historySettleTime().plusSeconds(30)).untilAsserted(() -> {
            assertThat(globalIndexes(coalitionPage(coalition, after))).contains(batch);
            assertThat(globalIndexes(page("/api/v1/admin/events?after=" + after))).contains(act);
        });
    }

    /**
     * Takes an index, then records a batch of the coalition and an administrative act after it, and reads both
     * histories from {@code after}: neither page goes past the index, nor names a next page. The global indexes of
     * the batch and the act; null when the reads came after the delay had passed, which shows nothing.
     */
    private long[] withheldWhileTheWriteMayCommit(String coalition, long after) {
        Instant started = Instant.now();
        long taken = takeAnIndex();
        long batch = recordBatch(coalition);
        long act = issueAKey();
        JsonNode coalitionPage = coalitionPage(coalition, after);
        JsonNode adminPage = page("/api/v1/admin/events?after=" + after);
        if (Duration.between(started, Instant.now()).compareTo(properties.historySettleTime()) >= 0) {
            return null;
        }
        assertThat(globalIndexes(coalitionPage)).as("the coalition's events before the write that may still commit")
                .allMatch(index -> index < taken).doesNotContain(batch);
        assertThat(coalitionPage.path("next").isNull()).as("no next page past it").isTrue();
        assertThat(globalIndexes(adminPage)).as("the administrative acts before it")
                .allMatch(index -> index < taken).doesNotContain(act);
        assertThat(adminPage.path("next").isNull()).as("no next page past it").isTrue();
        return new long[] {batch, act};
    }

    private JsonNode coalitionPage(String coalition, long after) {
        return page("/api/v1/coalitions/" + coalition + "/events?after=" + after);
    }

    /** A value of the event store's sequence, taken as a writer's insert takes it, and never stored. */
    private long takeAnIndex() {
        return owner.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
    }

    private long head() {
        return owner.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    private String founded() {
        String id = ApiFixtures.freshId("unsettled");
        client.post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(id)).exchange()
                .expectStatus().isCreated();
        return id;
    }

    /** Records a takedown batch; its event's global index. */
    private long recordBatch(String coalition) {
        String batchId = ApiFixtures.freshId("batch");
        client.post().uri("/api/v1/coalitions/" + coalition + "/takedown-batches")
                .headers(h -> h.setBearerAuth(TestTokens.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(batchId, "2020-02-01", "2020-02-28", 10)).exchange()
                .expectStatus().isCreated();
        return owner.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class, coalition);
    }

    /** Issues an API key, an administrative act; its event's global index. */
    private long issueAKey() {
        JsonNode issued = client.post().uri("/api/v1/admin/api-keys").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subject\": \"" + ApiFixtures.freshId("late")
                        + "@example.org\", \"role\": \"AUDITOR\", \"expiresAt\": \""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}").exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        return owner.queryForObject("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, issued.path("eventId").asString());
    }

    private JsonNode page(String uri) {
        return client.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.AUDITOR)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<Long> globalIndexes(JsonNode page) {
        List<Long> indexes = new ArrayList<>();
        page.path("events").forEach(event -> indexes.add(event.path("globalIndex").asLong()));
        return indexes;
    }
}
