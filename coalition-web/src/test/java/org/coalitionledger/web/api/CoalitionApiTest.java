package org.coalitionledger.web.api;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every endpoint's success and its mapped errors, on the whole application and the real event store. */
@LedgerApplicationTest
class CoalitionApiTest {

    static final String C = "/api/v1/coalitions/";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @LocalServerPort
    int port;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    WebTestClient admin() {
        return client(TestTokens.ADMIN);
    }

    WebTestClient partner() {
        return client(TestTokens.PARTNER);
    }

    WebTestClient auditor() {
        return client(TestTokens.AUDITOR);
    }

    String founded() {
        String id = ApiFixtures.freshId("api");
        post(C.substring(0, C.length() - 1), ApiFixtures.foundCoalition(id)).expectStatus().isCreated();
        return id;
    }

    WebTestClient.ResponseSpec post(String path, String json) {
        return admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(PROBLEM)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.type").value(type -> assertThat((String) type).startsWith("urn:problem:coalition:"))
                .jsonPath("$.title").exists();
    }

    // --- writes ---------------------------------------------------------------------------------------------

    @Test
    void foundCoalition_accepted_201WithLocationAndEventIds_thenRepeat200() {
        String id = ApiFixtures.freshId("api");
        post("/api/v1/coalitions", ApiFixtures.foundCoalition(id))
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/coalitions/" + id)
                .expectHeader().exists("X-Request-Id")
                .expectBody().jsonPath("$.recorded").isEqualTo(true)
                .jsonPath("$.eventIds.length()").isEqualTo(4) // founding, two founding members, goal
                .jsonPath("$.location").isEqualTo("/api/v1/coalitions/" + id);
        post("/api/v1/coalitions", ApiFixtures.foundCoalition(id))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.recorded").isEqualTo(false).jsonPath("$.eventIds.length()").isEqualTo(0);
    }

    @Test
    void foundCoalition_rejected_whenSameIdDifferentContent() {
        String id = founded();
        problem(post("/api/v1/coalitions", ApiFixtures.foundCoalition(id).replace("2020-01-15", "2020-01-16")),
                409, "COALITION_ALREADY_FOUNDED");
    }

    @Test
    void write_rejected_400WithErrors_whenARequiredFieldIsMissing() {
        post("/api/v1/coalitions", ApiFixtures.foundCoalition("x-missing").replace("\"foundedOn\": \"2020-01-15\",", ""))
                .expectStatus().isBadRequest().expectHeader().contentType(PROBLEM)
                .expectBody().jsonPath("$.code").isEqualTo("MISSING_FIELD")
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:missing-field")
                .jsonPath("$.errors[0].field").isEqualTo("foundedOn");
    }

    @Test
    void write_rejected_400_whenAFigureIsMissing_orAFieldIsUnknown() {
        String id = founded();
        String batch = ApiFixtures.takedownBatch("b1", "2020-02-01", "2020-03-01", 5);
        post(C + id + "/takedown-batches", batch.replace("\"adsBlocked\": 10,", ""))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("adsBlocked")
                .jsonPath("$.code").isEqualTo("MISSING_FIELD");
        problem(post(C + id + "/takedown-batches", batch.replace("listingsRemoved", "listingRemoved")),
                400, "MALFORMED_REQUEST");
        post(C + id + "/takedown-batches", batch.replace("listingsRemoved", "listingRemoved")).expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("unknown field 'listingRemoved'").contains("listingsRemoved"));
        problem(post(C + id + "/takedown-batches", "{not json"), 400, "MALFORMED_REQUEST");
        post(C + id + "/takedown-batches", "{not json").expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("the body is not valid JSON"));
        post(C + id + "/takedown-batches", batch.replace("\"adsBlocked\": 10", "\"adsBlocked\": \"ten\""))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").isEqualTo("field 'adsBlocked' has a value of the wrong type or format");
    }

    @Test
    void write_rejected_400WithTheCommandCode_whenTheShapeIsWrong() {
        problem(post("/api/v1/coalitions", ApiFixtures.foundCoalition("Bad Id")), 400, "INVALID_ID");
        String id = founded();
        problem(post(C + id + "/arrests", ApiFixtures.arrest("a1", "2020-02-01", 1).replace("\"CN\"", "\"XX\"")),
                400, "INVALID_COUNTRY");
        // A nested record refusing its own shape while being read keeps the ledger's code.
        problem(post(C + id + "/goals", """
                {"goal": {"goalId": "g2", "description": "d", "metric": "ARRESTS", "baseline": null,
                 "targetReductionPercent": 180, "deadline": "2021-01-01"}, "setOn": "2020-02-01"}"""),
                400, "INVALID_AMOUNT");
    }

    @Test
    void write_rejected_404_whenTheCoalitionOrRecordIsUnknown() {
        problem(post(C + "no-such-coalition/members", ApiFixtures.join("m1", "2020-02-01")),
                404, "COALITION_NOT_FOUND");
        String id = founded();
        problem(post(C + id + "/records/no-such-record/corrections", "{\"count\": 2, \"reason\": \"r\"}"),
                404, "RECORD_NOT_FOUND");
    }

    @Test
    void write_rejected_415_forAnotherContentType_and413_whenTooLarge() {
        String id = founded();
        problem(admin().post().uri(C + id + "/arrests").contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
                .exchange(), 415, "UNSUPPORTED_MEDIA_TYPE");
        String huge = "{\"reason\": \"" + "x".repeat(300_000) + "\"}";
        problem(post(C + id + "/records/r1/retraction", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void membersGoalsAndRecords_accepted_eachWith201_andEventsCarryTheActor() {
        String id = founded();
        post(C + id + "/members", ApiFixtures.join("initech", "2020-03-01")).expectStatus().isCreated()
                .expectHeader().location(C + id + "/members?asOf=2020-03-01");
        post(C + id + "/members/initech/departure", "{\"leftOn\": \"2020-09-01\", \"reason\": \"left\"}")
                .expectStatus().isCreated();
        problem(post(C + id + "/members/initech/departure", "{\"leftOn\": \"2020-10-01\", \"reason\": \"again\"}"),
                409, "MEMBER_NOT_A_MEMBER");
        post(C + id + "/goals", """
                {"goal": {"goalId": "arrests-up", "description": "More arrests", "metric": "ARRESTS",
                 "baseline": 10, "targetReductionPercent": 50, "deadline": "2021-01-01"}, "setOn": "2020-02-01"}""")
                .expectStatus().isCreated().expectHeader().location(C + id + "/goals/progress");
        post(C + id + "/takedown-batches", ApiFixtures.takedownBatch(id + "-b", "2020-02-01", "2020-03-01", 7))
                .expectStatus().isCreated().expectHeader().location(C + id + "/records/" + id + "-b/events");
        post(C + id + "/confiscations", ApiFixtures.confiscation(id + "-c", "2020-04-01"))
                .expectStatus().isCreated();
        post(C + id + "/records/" + id + "-c/corrections", "{\"amount\": \"1344.04\", \"reason\": \"typo\"}")
                .expectStatus().isCreated();
        String arrest = id + "-a";
        post(C + id + "/arrests", ApiFixtures.arrest(arrest, "2020-05-01", 2)).expectStatus().isCreated();
        admin().post().uri(C + id + "/records/" + arrest + "/retraction").contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", "retraction-request-0001")
                .bodyValue("{\"reason\": \"double counted\"}").exchange()
                .expectStatus().isCreated().expectHeader().exists("X-Request-Id");
        problem(post(C + id + "/records/" + arrest + "/corrections", "{\"count\": 3, \"reason\": \"r\"}"),
                409, "RECORD_RETRACTED");

        auditor().get().uri(C + id + "/records/" + arrest + "/events").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.events.length()").isEqualTo(2)
                .jsonPath("$.events[1].type").isEqualTo("org.coalitionledger.api.reporting.RecordRetractedEvent")
                .jsonPath("$.events[1].actor").isEqualTo("admin")
                .jsonPath("$.events[1].actorRole").isEqualTo("ADMIN")
                .jsonPath("$.events[1].requestId").value(requestId -> assertThat((String) requestId)
                        .isNotEqualTo("retraction-request-0001"))
                .jsonPath("$.events[1].clientRequestId").isEqualTo("retraction-request-0001")
                .jsonPath("$.events[1].recordedAt").exists()
                .jsonPath("$.next").doesNotExist();
    }

    @Test
    void idempotencyKey_repeatAnswersTheOriginalEventIds_andAnotherBodyIs422() {
        String id = founded();
        String body = ApiFixtures.arrest(id + "-k", "2020-02-01", 4);
        JsonNode first = admin().post().uri(C + id + "/arrests").header("Idempotency-Key", "key-" + id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        admin().post().uri(C + id + "/arrests").header("Idempotency-Key", "key-" + id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().location(C + id + "/records/" + id + "-k/events")
                .expectBody().jsonPath("$.eventIds[0]").isEqualTo(first.path("eventIds").get(0).asString());
        problem(admin().post().uri(C + id + "/arrests").header("Idempotency-Key", "key-" + id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.replace("\"count\": 4", "\"count\": 5"))
                .exchange(), 422, "IDEMPOTENCY_KEY_REUSED");
        auditor().get().uri(C + id + "/records/" + id + "-k/events").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].idempotencyKey").isEqualTo("key-" + id);
    }

    // --- bulk import ----------------------------------------------------------------------------------------

    @Test
    void import_accepted_withAResultPerLine_rejectingBadLinesAndOtherCoalitions() {
        String id = ApiFixtures.freshId("imp");
        String ndjson = String.join("\n",
                "{\"command\": \"FoundCoalition\", \"payload\": " + ApiFixtures.foundCoalition(id).replace("\n", " ") + "}",
                "",
                "{\"command\": \"RecordArrest\", \"payload\": {\"coalitionId\": \"" + id + "\", \"recordId\": \"" + id
                        + "-a\", \"date\": \"2020-02-01\", \"count\": 2, \"jurisdiction\": \"CN\", \"agency\": \"P\","
                        + " \"scope\": \"s\", \"source\": \"s\"}}",
                "{\"command\": \"RecordArrest\", \"payload\": {\"coalitionId\": \"cewto\", \"recordId\": \"" + id
                        + "-x\", \"date\": \"2020-02-01\", \"count\": 2, \"jurisdiction\": \"CN\", \"agency\": \"P\","
                        + " \"scope\": \"s\", \"source\": \"s\"}}",
                "{\"command\": \"Teleport\", \"payload\": {}}",
                "not json");
        admin().post().uri(C + id + "/imports").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(ndjson).exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.recorded").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(3)
                .jsonPath("$.lines.length()").isEqualTo(5)
                .jsonPath("$.lines[0].line").isEqualTo(1)
                .jsonPath("$.lines[0].outcome").isEqualTo("RECORDED")
                .jsonPath("$.lines[1].line").isEqualTo(3)
                .jsonPath("$.lines[1].command").isEqualTo("RecordArrest")
                .jsonPath("$.lines[2].outcome").isEqualTo("REJECTED")
                .jsonPath("$.lines[2].problem.status").isEqualTo(400)
                // A refused line still names the command it claims.
                .jsonPath("$.lines[2].command").isEqualTo("RecordArrest")
                .jsonPath("$.lines[3].problem.code").isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.lines[3].command").isEqualTo("Teleport")
                .jsonPath("$.lines[4].command").doesNotExist();
        // The same import again records nothing: 200, every good line unchanged.
        admin().post().uri(C + id + "/imports").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(ndjson).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.recorded").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(2);
    }

    @Test
    void import_rejected_413_overTheLineOrByteBound_and415_asJson() {
        String id = founded();
        String tooManyLines = "{}\n".repeat(10_001);
        problem(admin().post().uri(C + id + "/imports").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(tooManyLines).exchange(), 413, "PAYLOAD_TOO_LARGE");
        String tooManyBytes = "x".repeat(4 * 1024 * 1024 + 1);
        problem(admin().post().uri(C + id + "/imports").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(tooManyBytes).exchange(), 413, "PAYLOAD_TOO_LARGE");
        problem(admin().post().uri(C + id + "/imports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    // --- partner reads --------------------------------------------------------------------------------------

    @Test
    void coalitions_listAndOne_and404ForAnUnknownOne() {
        String id = founded();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(CoalitionListPages.everyCoalitionId(partner(), 1000))
                .contains(id, "cewto"));
        partner().get().uri(C + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Test coalition " + id)
                .jsonPath("$.foundingMemberCount").isEqualTo(2);
        problem(partner().get().uri(C + "no-such-coalition").exchange(), 404, "COALITION_NOT_FOUND");
        problem(partner().get().uri(C + "Not_An_Id").exchange(), 400, "INVALID_ID");
    }

    @Test
    void coalitions_comeAPageAtATime_eachWithinItsLimit_andEveryOneOnce_inIdOrder() {
        List<String> ids = List.of(founded(), founded(), founded());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(CoalitionListPages.everyCoalitionId(partner(), 1000))
                .containsAll(ids));
        List<String> inTwos = CoalitionListPages.everyCoalitionId(partner(), 2);
        assertThat(inTwos).containsAll(ids).contains("cewto").doesNotHaveDuplicates().isSorted();
        assertThat(inTwos).isEqualTo(CoalitionListPages.everyCoalitionId(partner(), 1000));
        JsonNode byDefault = partner().get().uri("/api/v1/coalitions").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(byDefault.path("coalitions").size()).isBetween(1, 100);
    }

    @Test
    void coalitions_aPageSizeOutsideItsBounds_orAnAfterThatIsNoId_is400() {
        problem(partner().get().uri("/api/v1/coalitions?limit=0").exchange(), 400, "VALIDATION_FAILED");
        problem(partner().get().uri("/api/v1/coalitions?limit=1001").exchange(), 400, "VALIDATION_FAILED");
        problem(partner().get().uri("/api/v1/coalitions?limit=many").exchange(), 400, "MALFORMED_REQUEST");
        problem(partner().get().uri("/api/v1/coalitions?after=Not_An_Id").exchange(), 400, "INVALID_ID");
    }

    @Test
    void members_asOf_and400ForABadDate() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner().get()
                .uri(C + "cewto/members?asOf=2019-03-07").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.memberCount").isEqualTo(32).jsonPath("$.asOf").isEqualTo("2019-03-07"));
        partner().get().uri(C + "cewto/members?asOf=2018-03-07").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.memberCount").isEqualTo(21);
        partner().get().uri(C + "cewto/members?asOf=2019-03-07&recordedAt=2000-01-01T00:00:00Z").exchange()
                .expectStatus().isNotFound(); // the ledger held no coalition cewto at that instant
        problem(partner().get().uri(C + "cewto/members?asOf=yesterday").exchange(), 400, "MALFORMED_REQUEST");
        problem(partner().get().uri(C + "cewto/members?asOf=2019-03-07&recordedAt=yesterday").exchange(), 400,
                "MALFORMED_REQUEST");
        problem(partner().get().uri(C + "no-such-coalition/members?asOf=2019-03-07").exchange(), 404,
                "COALITION_NOT_FOUND");
    }

    @Test
    void yearOverYear_jsonBothBases_csv_recordedAt_andErrors() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner().get()
                .uri(C + "cewto/year-over-year").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.basis").isEqualTo("COALITION_YEAR")
                .jsonPath("$.rows[0].label").isEqualTo("2018-03-07/2019-03-06")
                .jsonPath("$.rows[0].figures.listingsRemoved").isEqualTo(1000000)
                .jsonPath("$.rows[0].figures.arrests").isEqualTo(129));
        partner().get().uri(C + "cewto/year-over-year?basis=calendar-year").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.basis").isEqualTo("CALENDAR_YEAR").jsonPath("$.rows[0].label")
                .isEqualTo("2018");
        String csv = partner().get().uri(C + "cewto/year-over-year").accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("label,start,end,listingsRemoved,adsBlocked,accountsRemoved,arrests");
        assertThat(lines.get(1)).startsWith("2018-03-07/2019-03-06,2018-03-07,2019-03-06,1000000,10000000,350000,129,");
        // Before the ledger held anything, the coalition did not exist yet.
        problem(partner().get().uri(C + "cewto/year-over-year?recordedAt=2000-01-01T00:00:00Z").exchange(),
                404, "COALITION_NOT_FOUND");
        partner().get().uri(C + "cewto/year-over-year?recordedAt=2999-01-01T00:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.rows[0].figures.arrests").isEqualTo(129);
        problem(partner().get().uri(C + "cewto/year-over-year?basis=fiscal-year").exchange(), 400,
                "VALIDATION_FAILED");
        problem(partner().get().uri(C + "cewto/year-over-year?recordedAt=last-week").exchange(), 400,
                "MALFORMED_REQUEST");
        problem(partner().get().uri(C + "no-such-coalition/year-over-year").accept(MediaType.parseMediaType("text/csv"))
                .exchange(), 404, "COALITION_NOT_FOUND");
    }

    @Test
    void goalProgress_andRestatements_andTheir404() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner().get().uri(C + "cewto/goals/progress")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.coalitionId").isEqualTo("cewto")
                .jsonPath("$.goals.length()").isEqualTo(1));
        String id = founded();
        post(C + id + "/arrests", ApiFixtures.arrest(id + "-r", "2020-02-01", 2)).expectStatus().isCreated();
        post(C + id + "/records/" + id + "-r/corrections", "{\"count\": 3, \"reason\": \"recount\"}")
                .expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner().get().uri(C + id + "/restatements")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.restatements.length()").isEqualTo(1)
                .jsonPath("$.restatements[0].recordId").isEqualTo(id + "-r")
                .jsonPath("$.restatements[0].reason").isEqualTo("recount")
                .jsonPath("$.restatements[0].actor").isEqualTo("admin"));
        problem(partner().get().uri(C + "no-such-coalition/goals/progress").exchange(), 404, "COALITION_NOT_FOUND");
        problem(partner().get().uri(C + "no-such-coalition/restatements").exchange(), 404, "COALITION_NOT_FOUND");
        problem(partner().get().uri(C + "no-such-coalition/updates").accept(MediaType.TEXT_EVENT_STREAM).exchange(),
                404, "COALITION_NOT_FOUND");
    }

    // --- auditor reads --------------------------------------------------------------------------------------

    @Test
    void coalitionEvents_pagedByGlobalIndex_streamableAsNdjson_withMetadata() {
        JsonNode first = auditor().get().uri(C + "cewto/events?limit=20").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(first.path("events").size()).isEqualTo(20);
        assertThat(first.path("events").get(0).path("type").asString())
                .isEqualTo("org.coalitionledger.api.coalition.CoalitionFoundedEvent");
        assertThat(first.path("events").get(0).path("actor").asString()).isEqualTo("coalition-ledger/first-year-history");
        assertThat(first.path("events").get(0).path("requestId").asString()).isEqualTo("history/first-year.ndjson#1");
        long next = first.path("next").asLong();
        JsonNode second = auditor().get().uri(C + "cewto/events?limit=1000&after=" + next).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(second.path("events").size()).isEqualTo(17); // 37 first-year events in all
        assertThat(second.path("events").get(0).path("globalIndex").asLong()).isGreaterThan(next);
        assertThat(second.path("next").isNull() || second.path("next").isMissingNode()).isTrue();
        assertThat(second.toString()).contains("record:cewto:first-year-china-arrests");

        String ndjson = auditor().get().uri(C + "cewto/events").accept(MediaType.parseMediaType("application/x-ndjson"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/x-ndjson"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(ndjson.lines().filter(l -> !l.isBlank()).count()).isEqualTo(37);
    }

    @Test
    void events_rejected_404ForUnknown_and400ForBadPaging() {
        problem(auditor().get().uri(C + "no-such-coalition/events").exchange(), 404, "COALITION_NOT_FOUND");
        problem(auditor().get().uri(C + "cewto/records/no-such-record/events").exchange(), 404, "RECORD_NOT_FOUND");
        problem(auditor().get().uri("/api/v1/records/no-such-record/events").exchange(), 404, "RECORD_NOT_FOUND");
        // A record recorded now is read through its coalition; the unscoped route serves legacy streams only.
        problem(auditor().get().uri("/api/v1/records/first-year-china-arrests/events").exchange(), 404,
                "RECORD_NOT_FOUND");
        problem(auditor().get().uri(C + "cewto/events?limit=0").exchange(), 400, "VALIDATION_FAILED");
        problem(auditor().get().uri(C + "cewto/events?after=-1").exchange(), 400, "VALIDATION_FAILED");
        problem(auditor().get().uri(C + "cewto/records/first-year-china-arrests/events?limit=5000").exchange(), 400,
                "VALIDATION_FAILED");
        auditor().get().uri(C + "cewto/records/first-year-china-arrests/events").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.events[0].aggregateId").isEqualTo("record:cewto:first-year-china-arrests")
                .jsonPath("$.events[0].payload.count").isEqualTo(129);
    }

    @Test
    void openApiAndSwaggerUi_arePublic() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/v3/api-docs")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/v1/coalitions/{id}/imports'].post.security[0].bearer").exists()
                .jsonPath("$.paths['/api/v1/coalitions/{id}/arrests'].post.x-roles[0]").isEqualTo("ADMIN")
                .jsonPath("$.paths['/api/v1/coalitions/{id}/arrests'].post.responses['409'].content['application/problem+json']").exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/swagger-ui.html")
                .exchange().expectStatus().value(status -> assertThat(status).isIn(200, 302));
    }
}
