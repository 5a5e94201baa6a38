package org.coalitionledger.web.api;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/** Cursor parameters of the event history are bounded: no overflow, no negative value, no oversize number. */
@LedgerApplicationTest
class EventHistoryPagingTest {

    private static final String COALITION_EVENTS = "/api/v1/coalitions/cewto/events";
    private static final String RECORD_EVENTS = "/api/v1/coalitions/cewto/records/first-year-china-arrests/events";

    @LocalServerPort
    int port;

    private WebTestClient.ResponseSpec get(String uri) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.AUDITOR).build()
                .get().uri(uri).exchange();
    }

    private void rejected(String uri, String code) {
        get(uri).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:" + code.toLowerCase().replace('_', '-'));
    }

    @Test
    void events_rejected_400_whenAfterWouldOverflow() {
        // Long.MAX_VALUE + 1 wrapped around to the start and answered the whole stream.
        rejected(RECORD_EVENTS + "?after=" + Long.MAX_VALUE, "VALIDATION_FAILED");
        rejected(COALITION_EVENTS + "?after=" + Long.MAX_VALUE, "VALIDATION_FAILED");
    }

    @Test
    void events_rejected_400_whenACursorIsNegative() {
        rejected(RECORD_EVENTS + "?after=-1", "VALIDATION_FAILED");
        rejected(COALITION_EVENTS + "?after=" + Long.MIN_VALUE, "VALIDATION_FAILED");
        rejected(RECORD_EVENTS + "?limit=-1", "VALIDATION_FAILED");
    }

    @Test
    void events_rejected_400_whenANumberDoesNotFit() {
        rejected(RECORD_EVENTS + "?after=9223372036854775808", "MALFORMED_REQUEST");
        rejected(COALITION_EVENTS + "?limit=2147483648", "MALFORMED_REQUEST");
        rejected(COALITION_EVENTS + "?after=1e3", "MALFORMED_REQUEST");
    }

    @Test
    void events_accepted_emptyPage_atTheLargestCursor() {
        get(RECORD_EVENTS + "?after=" + (Long.MAX_VALUE - 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.events.length()").isEqualTo(0).jsonPath("$.next").doesNotExist();
        get(COALITION_EVENTS + "?after=" + (Long.MAX_VALUE - 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.events.length()").isEqualTo(0);
    }
}
