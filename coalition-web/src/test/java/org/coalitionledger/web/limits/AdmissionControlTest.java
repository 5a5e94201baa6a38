package org.coalitionledger.web.limits;

import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.ReadCancellation;
import org.coalitionledger.support.LimitsApplicationTest;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control over real HTTP, with the limits of {@link LimitsApplicationTest}: a view as recorded at an instant
 * may run three seconds. The test holds the embedded database in exclusive mode, so the view's read waits inside the
 * database past its budget whatever the machine's speed. The answer is 503 problem+json with Retry-After, and the
 * work is stopped, not only the response: once the database is released the read sees its cancellation and stops
 * before reading a row, and the request's slot is free again.
 */
@LimitsApplicationTest
class AdmissionControlTest {

    private static final String C = "/api/v1/coalitions/";
    private static final int BATCHES = 20;

    @LocalServerPort
    int port;
    @Autowired
    AdmissionControl admission;
    @Autowired
    AuditLogStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectMapper mapper;

    @Test
    void historicView_rejected503_whenOverItsTimeBudget_itsWorkCancelled_andItsSlotFreed() throws Exception {
        String coalition = ApiFixtures.freshId("budget");
        client().post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(LimitsTestSupport.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(coalition))
                .exchange().expectStatus().isCreated();
        String lines = IntStream.range(0, BATCHES).mapToObj(i -> "{\"command\":\"RecordTakedownBatch\",\"payload\":"
                        + ApiFixtures.takedownBatch("b" + i, "2021-01-01", "2021-01-31", i + 1).strip().replace('\n', ' ')
                        .replaceFirst("\\{", "{\"coalitionId\":\"" + coalition + "\",") + "}")
                .collect(Collectors.joining("\n"));
        client().post().uri(C + coalition + "/imports").headers(h -> h.setBearerAuth(LimitsTestSupport.ADMIN))
                .contentType(MediaType.parseMediaType("application/x-ndjson")).bodyValue(lines)
                .exchange().expectStatus().isCreated();
        LogCatchUp.await(jdbc);
        long leaves = jdbc.queryForObject("select count(*) from audit_leaf_coalition where coalition_id = ?",
                Long.class, coalition);
        assertThat(leaves).isGreaterThan(BATCHES);
        long cancelledBefore = ReadCancellation.cancelledReads();
        long rowsBefore;

        String body;
        try (Connection exclusive = dataSource.getConnection(); Statement statement = exclusive.createStatement()) {
            // Every other connection's statements now wait until exclusive mode ends.
            statement.execute("SET EXCLUSIVE 1");
            try {
                rowsBefore = store.streamedRows();
                body = client().get().uri(C + coalition + "/year-over-year?recordedAt=" + Instant.now())
                        .headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("Retry-After", "7")
                        .expectBody(String.class).returnResult().getResponseBody();
            } finally {
                statement.execute("SET EXCLUSIVE 0");
            }
        }
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.path("code").asString()).isEqualTo("TIME_BUDGET_EXCEEDED");
        assertThat(problem.path("detail").asString()).contains("at most 3000 ms");

        // Released, the read stops on its cancellation instead of folding the coalition's history; the slot is free.
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadCancellation.cancelledReads() > cancelledBefore);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admission.running(AdmissionControl.Kind.HISTORIC_VIEW) == 0);
        assertThat(store.streamedRows() - rowsBefore).isLessThan(leaves);

        // Within its budget the same view is answered; the live view is not an expensive request at all.
        client().get().uri(C + coalition + "/year-over-year?recordedAt=" + Instant.now())
                .headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER)).exchange().expectStatus().isOk();
        client().get().uri(C + coalition + "/year-over-year").headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER))
                .exchange().expectStatus().isOk();
    }

    /**
     * Verification runs its log pass and its snapshot checks side by side; over its budget, both stop on the
     * cancellation (each counts one cancelled read), not only the one on the request's thread.
     */
    @Test
    void verification_overItsTimeBudget_stopsBothItsPasses_andFreesItsSlot() throws Exception {
        long cancelledBefore = ReadCancellation.cancelledReads();
        String body;
        try (Connection exclusive = dataSource.getConnection(); Statement statement = exclusive.createStatement()) {
            statement.execute("SET EXCLUSIVE 1");
            try {
                body = client().get().uri("/api/v1/audit/verification")
                        .headers(h -> h.setBearerAuth(LimitsTestSupport.AUDITOR)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class).returnResult().getResponseBody();
            } finally {
                statement.execute("SET EXCLUSIVE 0");
            }
        }
        assertThat(mapper.readTree(body).path("code").asString()).isEqualTo("TIME_BUDGET_EXCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadCancellation.cancelledReads() >= cancelledBefore + 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admission.running(AdmissionControl.Kind.VERIFICATION) == 0);

        client().get().uri("/api/v1/audit/verification").headers(h -> h.setBearerAuth(LimitsTestSupport.AUDITOR))
                .exchange().expectStatus().isOk();
    }

    @Test
    void admission_counts_onlyTheExpensiveRequests() {
        assertThat(kind(HttpMethod.GET, C + "x/year-over-year?recordedAt=2020-01-01T00:00:00Z"))
                .contains(AdmissionControl.Kind.HISTORIC_VIEW);
        assertThat(kind(HttpMethod.GET, C + "x?asOfCheckpoint=4")).contains(AdmissionControl.Kind.HISTORIC_VIEW);
        assertThat(kind(HttpMethod.GET, C + "x/members?recordedAt=2020-01-01T00:00:00Z"))
                .contains(AdmissionControl.Kind.HISTORIC_VIEW);
        assertThat(kind(HttpMethod.GET, C + "x/goals/progress?asOfCheckpoint=4"))
                .contains(AdmissionControl.Kind.HISTORIC_VIEW);
        assertThat(kind(HttpMethod.GET, C + "x/restatements?asOfCheckpoint=4"))
                .contains(AdmissionControl.Kind.HISTORIC_VIEW);
        assertThat(kind(HttpMethod.GET, C + "x/events")).contains(AdmissionControl.Kind.EVENT_HISTORY);
        assertThat(kind(HttpMethod.GET, "/api/v1/records/r/events")).contains(AdmissionControl.Kind.EVENT_HISTORY);
        assertThat(kind(HttpMethod.GET, "/api/v1/admin/events")).contains(AdmissionControl.Kind.EVENT_HISTORY);
        assertThat(kind(HttpMethod.GET, "/api/v1/audit/verification")).contains(AdmissionControl.Kind.VERIFICATION);
        assertThat(kind(HttpMethod.GET, "/api/v1/audit/bundle?from=0")).contains(AdmissionControl.Kind.BUNDLE);
        assertThat(kind(HttpMethod.POST, C + "x/imports")).contains(AdmissionControl.Kind.IMPORT);
        assertThat(kind(HttpMethod.GET, C + "x/updates")).contains(AdmissionControl.Kind.LIVE_STREAM);
        // Live views, single writes and the log's cheap reads are not counted.
        assertThat(kind(HttpMethod.GET, C + "x/year-over-year")).isEmpty();
        assertThat(kind(HttpMethod.GET, C + "x")).isEmpty();
        assertThat(kind(HttpMethod.GET, C.substring(0, C.length() - 1))).isEmpty();
        assertThat(kind(HttpMethod.POST, C + "x/takedown-batches")).isEmpty();
        assertThat(kind(HttpMethod.GET, "/api/v1/audit/checkpoint")).isEmpty();
        assertThat(kind(HttpMethod.GET, "/actuator/health")).isEmpty();
    }

    private Optional<AdmissionControl.Kind> kind(HttpMethod method, String uri) {
        return admission.kindOf(MockServerHttpRequest.method(method, uri).build());
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(120)).build();
    }
}
