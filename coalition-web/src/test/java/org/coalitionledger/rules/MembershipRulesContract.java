package org.coalitionledger.rules;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership rules in every order: a departure may not leave a member's unretracted report outside its
 * membership, whichever of the two is asked first, and whichever node each arrives at.
 */
public abstract class MembershipRulesContract {

    static final String C = "/api/v1/coalitions/";
    static final int RACES = 40;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    protected WebTestClient admin(int serverPort) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort)
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
    }

    /** The node the racing report is sent to: another application on the same database where there is one. */
    protected abstract int secondNodePort();

    EntityExchangeResult<JsonNode> post(int serverPort, String path, String json) {
        return admin(serverPort).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectBody(JsonNode.class).returnResult();
    }

    String founded() {
        String id = ApiFixtures.freshId("rules");
        assertThat(post(port, "/api/v1/coalitions", ApiFixtures.foundCoalition(id)).getStatus().value()).isEqualTo(201);
        return id;
    }

    static String memberBatch(String batchId, String memberId, String start, String end) {
        return ApiFixtures.takedownBatch(batchId, start, end, 5).replace("\"acme\"", "\"" + memberId + "\"");
    }

    @Test
    void departure_rejected_whenAReportWouldLieOutsideTheMembership_andAcceptedOnceItIsRetracted() {
        String id = founded();
        assertThat(post(port, C + id + "/members", ApiFixtures.join("m1", "2020-03-01")).getStatus().value())
                .isEqualTo(201);
        var report = post(port, C + id + "/takedown-batches", memberBatch("r-m1", "m1", "2020-04-01", "2020-06-30"));
        assertThat(report.getStatus().value()).isEqualTo(201);
        assertThat(report.getResponseBody().path("eventIds").size()).as("record and its filing on the coalition")
                .isEqualTo(2);

        long before = EventStoreRows.count(jdbc);
        var backdated = post(port, C + id + "/members/m1/departure", "{\"leftOn\": \"2020-05-01\", \"reason\": \"r\"}");
        assertThat(backdated.getStatus().value()).isEqualTo(409);
        assertThat(backdated.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(backdated.getResponseBody().path("code").asString()).isEqualTo("REPORTS_OUTSIDE_MEMBERSHIP");
        assertThat(backdated.getResponseBody().path("detail").asString()).contains("r-m1 (2020-04-01 to 2020-06-30)");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);

        assertThat(post(port, C + id + "/members/m1/departure", "{\"leftOn\": \"2020-07-01\", \"reason\": \"r\"}")
                .getStatus().value()).as("the day after the last reported day").isEqualTo(201);

        assertThat(post(port, C + id + "/members", ApiFixtures.join("m2", "2020-03-01")).getStatus().value())
                .isEqualTo(201);
        assertThat(post(port, C + id + "/takedown-batches", memberBatch("r-m2", "m2", "2020-04-01", "2020-06-30"))
                .getStatus().value()).isEqualTo(201);
        assertThat(post(port, C + id + "/records/r-m2/retraction", "{\"reason\": \"duplicate\"}").getStatus().value())
                .isEqualTo(201);
        assertThat(post(port, C + id + "/members/m2/departure", "{\"leftOn\": \"2020-05-01\", \"reason\": \"r\"}")
                .getStatus().value()).as("a retracted report holds nothing back").isEqualTo(201);
    }

    /**
     * The first-year history's undisclosed members (placeholder date, no name) can be disclosed later: the views
     * show the name and real date from then on, "as recorded at" an earlier instant still shows what was believed
     * then, and the history's original join, sent again on every start, still reads as a repeat.
     */
    @Test
    void undisclosedMember_disclosedLater_viewsShowAfter_asRecordedAtShowsBefore() {
        String id = founded();
        String placeholderJoin = """
                {"memberId": "undisclosed-1", "disclosed": false, "joinedOn": "2020-06-30",
                 "note": "joined during the first year; name and date unpublished"}""";
        assertThat(post(port, C + id + "/members", placeholderJoin).getStatus().value()).isEqualTo(201);
        WebTestClient partner = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.PARTNER).build();
        String members = C + id + "/members?asOf=2020-12-31";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner.get()
                .uri(members).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].disclosed").isEqualTo(List.of(false)));
        // An instant by which the join was recorded (logged): "as recorded at" it shows the undisclosed member.
        java.util.concurrent.atomic.AtomicReference<Instant> recorded = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Instant now = Instant.now();
            partner.get().uri(members + "&recordedAt=" + now).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].joinedOn").isEqualTo(List.of("2020-06-30"));
            recorded.set(now);
        });
        Instant believedThen = recorded.get();

        String corrections = C + id + "/members/undisclosed-1/corrections";
        long before = EventStoreRows.count(jdbc);
        var partial = post(port, corrections, "{\"name\": \"Zhuanzhuan\", \"reason\": \"r\"}");
        assertThat(partial.getStatus().value()).isEqualTo(400);
        assertThat(partial.getResponseBody().path("code").asString()).isEqualTo("MISSING_FIELD");
        var early = post(port, corrections, "{\"joinedOn\": \"2019-12-31\", \"reason\": \"r\"}");
        assertThat(early.getStatus().value()).isEqualTo(409);
        assertThat(early.getResponseBody().path("code").asString()).isEqualTo("BEFORE_FOUNDING_DATE");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);

        String disclosure = """
                {"name": "Zhuanzhuan", "country": "CN", "region": "Asia", "sector": "second-hand",
                 "joinedOn": "2020-03-01", "reason": "named, with its join date, in the coalition's progress report"}""";
        assertThat(post(port, corrections, disclosure).getStatus().value()).isEqualTo(201);
        assertThat(post(port, corrections, disclosure).getStatus().value()).as("a repeat").isEqualTo(200);
        assertThat(post(port, C + id + "/members", placeholderJoin).getStatus().value())
                .as("the original join, sent again").isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner.get()
                .uri(C + id + "/members?asOf=2020-04-01").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].name").isEqualTo(List.of("Zhuanzhuan"))
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].disclosed").isEqualTo(List.of(true))
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].joinedOn").isEqualTo(List.of("2020-03-01")));
        partner.get().uri(members + "&recordedAt=" + believedThen).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].disclosed").isEqualTo(List.of(false))
                .jsonPath("$.members[?(@.memberId == 'undisclosed-1')].joinedOn").isEqualTo(List.of("2020-06-30"));
    }

    /**
     * A departure and a report that it would leave outside the membership, sent at the same moment (to two nodes
     * where the test has two), many times: never both accepted, and the loser is refused with a 409 that says why.
     */
    @Test
    void departureRacingAReport_neverLetsBothThrough() throws Exception {
        String id = founded();
        Set<String> refusals = Set.of("REPORTS_OUTSIDE_MEMBERSHIP", "REPORTER_NOT_A_MEMBER_FOR_PERIOD",
                "CONCURRENT_MODIFICATION");
        List<String> outcomes = new ArrayList<>();
        int otherNode = secondNodePort();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < RACES; i++) {
                String member = "racer-" + i;
                String batchId = "race-" + i;
                assertThat(post(port, C + id + "/members", ApiFixtures.join(member, "2020-03-01")).getStatus().value())
                        .isEqualTo(201);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<EntityExchangeResult<JsonNode>> departure = pool.submit(() -> {
                    start.await();
                    return post(port, C + id + "/members/" + member + "/departure",
                            "{\"leftOn\": \"2020-06-01\", \"reason\": \"race\"}");
                });
                Future<EntityExchangeResult<JsonNode>> report = pool.submit(() -> {
                    start.await();
                    return post(otherNode, C + id + "/takedown-batches",
                            memberBatch(batchId, member, "2020-05-01", "2020-07-31"));
                });
                int departed = departure.get().getStatus().value();
                int reported = report.get().getStatus().value();
                assertThat(departed == 201 && reported == 201).as("race %d: both the departure and the report", i)
                        .isFalse();
                assertThat(departed == 201 || reported == 201).as("race %d: one of them wins", i).isTrue();
                EntityExchangeResult<JsonNode> loser = departed == 201 ? report.get() : departure.get();
                assertThat(loser.getStatus().value()).isEqualTo(409);
                assertThat(refusals).contains(loser.getResponseBody().path("code").asString());
                outcomes.add((departed == 201 ? "departure" : "report") + " won; "
                        + loser.getResponseBody().path("code").asString());
                // The store agrees: a departure that won left no record of the report behind.
                Long reportEvents = jdbc.queryForObject("select count(*) from domain_event_entry"
                        + " where aggregate_identifier like ?", Long.class, "record:" + id + ":" + batchId);
                assertThat(reportEvents).as("race %d (%s)", i, outcomes).isEqualTo(departed == 201 ? 0 : 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
