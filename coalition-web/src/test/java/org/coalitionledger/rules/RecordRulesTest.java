package org.coalitionledger.rules;

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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Corrections guarded by the record's version: a stale or delayed correction is refused or recognised, never re-applied. */
@LedgerApplicationTest
class RecordRulesTest {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    WebTestClient.ResponseSpec post(String path, String ifMatch, String json) {
        var request = client(TestTokens.ADMIN).post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(json).exchange();
    }

    String founded() {
        String id = ApiFixtures.freshId("records");
        post("/api/v1/coalitions", null, ApiFixtures.foundCoalition(id)).expectStatus().isCreated();
        return id;
    }

    void refused(String path, String ifMatch, String json, int status, String code) {
        long before = EventStoreRows.count(jdbc);
        post(path, ifMatch, json).expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void corrections_guardedByVersion_staleRefused_delayedRepeatRecognised_neverReapplied() {
        String id = founded();
        String corrections = C + id + "/records/a-v/corrections";
        post(C + id + "/arrests", null, ApiFixtures.arrest("a-v", "2020-02-01", 2)).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"").expectBody().jsonPath("$.version").isEqualTo(0);
        String a = "{\"count\": 3, \"reason\": \"court records\"}";
        String b = "{\"count\": 4, \"reason\": \"appeal\"}";
        post(corrections, "\"0\"", a).expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"");
        post(corrections, null, b.replace("}", ", \"expectedVersion\": 1}")).expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"2\"");

        long before = EventStoreRows.count(jdbc);
        // Correction A delivered again, late: with its version or without one, it changes nothing.
        post(corrections, "\"0\"", a).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.recorded").isEqualTo(false);
        post(corrections, null, a).expectStatus().isOk().expectBody().jsonPath("$.recorded").isEqualTo(false);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);

        refused(corrections, "\"1\"", "{\"count\": 9, \"reason\": \"decided on an old read\"}", 409,
                "STALE_RECORD_VERSION");
        refused(corrections, "W/\"2\"", "{\"count\": 9, \"reason\": \"r\"}", 400, "MALFORMED_REQUEST");
        refused(corrections, "\"2\"", "{\"count\": 9, \"reason\": \"r\", \"expectedVersion\": 1}", 400,
                "MALFORMED_REQUEST");

        client(TestTokens.AUDITOR).get().uri(C + id + "/records/a-v/events").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.events.length()").isEqualTo(3)
                .jsonPath("$.events[2].payload.count").isEqualTo(4);
    }
}
