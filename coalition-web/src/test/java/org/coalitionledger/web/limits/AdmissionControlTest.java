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

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control over real HTTP, with the limits of {@link LimitsApplicationTest}: a view as recorded at an instant
 * has a budget of one millisecond, so every such request runs over it. The answer is 503 problem+json with
 * Retry-After, and the work is stopped, not only the response: the read saw its cancellation, the log's rows stop
 * being read before the coalition's history was read through, and the request's slot is free again.
 */
@LimitsApplicationTest
class AdmissionControlTest {

    private static final String C = "/api/v1/coalitions/";
    private static final int BATCHES = 300;

    @LocalServerPort
    int port;
    @Autowired
    AdmissionControl admission;
    @Autowired
    AuditLogStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void aReadOverItsTimeBudget_503ProblemJson_itsWorkIsCancelled_andItsSlotFreed() {
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
        long rowsBefore = store.streamedRows();
        long cancelledBefore = ReadCancellation.cancelledReads();

        String body = client().get().uri(C + coalition + "/year-over-year?recordedAt=" + Instant.now())
                .headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "7")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.path("code").asString()).isEqualTo("TIME_BUDGET_EXCEEDED");
        assertThat(problem.path("detail").asString()).contains("at most 1 ms");

        // The read itself stopped on its cancellation, and the slot is free again.
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadCancellation.cancelledReads() > cancelledBefore);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admission.running(AdmissionControl.Kind.HISTORIC_VIEW) == 0);
        // No more rows are read for it: the count holds still for a while, short of the coalition's history.
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> last.getAndSet(store.streamedRows()) == store.streamedRows());
        assertThat(store.streamedRows() - rowsBefore).isLessThan(leaves);

        // The live view is not an expensive request and is answered as usual.
        client().get().uri(C + coalition + "/year-over-year").headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER))
                .exchange().expectStatus().isOk();
    }

    @Test
    void theExpensiveRequests_areTheOnesCounted() {
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
