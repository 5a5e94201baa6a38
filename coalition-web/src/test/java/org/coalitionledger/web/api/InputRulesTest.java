package org.coalitionledger.web.api;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plausible input, refused fast: implausible dates, numbers no figure can have, texts that hide what they say,
 * JSON values of the wrong type, and import lines, which pass exactly the checks of the JSON endpoints. Every
 * refusal is a 400 problem with its code, and the event store holds exactly as many events as before.
 */
@LedgerApplicationTest
class InputRulesTest {

    static final String C = "/api/v1/coalitions/";
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
    }

    String founded() {
        String id = ApiFixtures.freshId("input");
        admin().post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        return id;
    }

    /** Posts, asserts the problem's status and code, and that no event was recorded. */
    void refused(String path, String json, int status, String code) {
        long before = EventStoreRows.count(jdbc);
        admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.status").isEqualTo(status);
        assertThat(EventStoreRows.count(jdbc)).as("events after a refused request").isEqualTo(before);
    }

    static String today(int plusDays) {
        // The server's "today" is at least the test's (the clock only moves on); a day's tolerance is allowed.
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).toString();
    }

    // --- dates ----------------------------------------------------------------------------------------------

    @Test
    void departure_rejected_whenDatedInTheFarFuture() {
        String id = founded();
        refused(C + id + "/members/acme/departure", "{\"leftOn\": \"9999-12-31\", \"reason\": \"r\"}", 400,
                "IMPLAUSIBLE_DATE");
        refused(C + id + "/members/acme/departure", "{\"leftOn\": \"+999999999-12-31\", \"reason\": \"r\"}", 400,
                "IMPLAUSIBLE_DATE");
        refused(C + id + "/members/acme/departure", "{\"leftOn\": \"" + today(3) + "\", \"reason\": \"r\"}", 400,
                "IMPLAUSIBLE_DATE");
    }

    @Test
    void facts_rejected_whenDatedAfterTomorrow_orBefore1900_andAcceptedToday() {
        String id = founded();
        refused(C + id + "/arrests", ApiFixtures.arrest("a-future", today(3), 2), 400, "IMPLAUSIBLE_DATE");
        refused(C + id + "/takedown-batches", ApiFixtures.takedownBatch("b-future", "2020-02-01", today(5), 2), 400,
                "IMPLAUSIBLE_DATE");
        refused(C + id + "/confiscations", ApiFixtures.confiscation("c-future", today(3)), 400, "IMPLAUSIBLE_DATE");
        refused("/api/v1/coalitions", ApiFixtures.foundCoalition(ApiFixtures.freshId("old"))
                .replace("2020-01-15", "1899-12-31"), 400, "IMPLAUSIBLE_DATE");
        admin().post().uri(C + id + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest("a-today", today(0), 2)).exchange().expectStatus().isCreated();
    }

    @Test
    void goal_rejected_whenTheDeadlineIsBeyondTheHorizon() {
        String id = founded();
        String goal = """
                {"goal": {"goalId": "g-far", "description": "d", "metric": "ARRESTS", "baseline": null,
                 "targetReductionPercent": 50, "deadline": "%s"}, "setOn": "2020-02-01"}""";
        refused(C + id + "/goals", goal.formatted(LocalDate.now(ZoneOffset.UTC).plusYears(31)), 400,
                "DEADLINE_BEYOND_HORIZON");
        refused(C + id + "/goals", goal.formatted("+999999999-12-31"), 400, "DEADLINE_BEYOND_HORIZON");
        refused("/api/v1/coalitions", ApiFixtures.foundCoalition(ApiFixtures.freshId("far"))
                .replace("2022-12-31", "9999-12-31"), 400, "DEADLINE_BEYOND_HORIZON");
    }

    // --- numbers --------------------------------------------------------------------------------------------

    @Test
    void numbers_rejected_beforeAnyArithmetic_whenTheExponentIsHuge() {
        String id = founded();
        refused(C + id + "/confiscations", ApiFixtures.confiscation("c-huge", "2020-04-01")
                .replace("\"672.02\"", "1e30000000"), 400, "NUMBER_OUT_OF_RANGE");
        refused(C + id + "/confiscations", ApiFixtures.confiscation("c-tiny", "2020-04-01")
                .replace("\"6.7202\"", "1e-30000000"), 400, "NUMBER_OUT_OF_RANGE");
        refused(C + id + "/goals", """
                {"goal": {"goalId": "g-huge", "description": "d", "metric": "ARRESTS", "baseline": null,
                 "targetReductionPercent": 1e10000000, "deadline": "2021-01-01"}, "setOn": "2020-02-01"}""",
                400, "NUMBER_OUT_OF_RANGE");
        admin().post().uri(C + id + "/confiscations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.confiscation("c-ok", "2020-04-01")).exchange().expectStatus().isCreated();
        refused(C + id + "/records/c-ok/corrections", "{\"amount\": 1e30000000, \"reason\": \"r\"}", 400,
                "NUMBER_OUT_OF_RANGE");
    }

    // --- texts ----------------------------------------------------------------------------------------------

    @Test
    void texts_rejected_withControlCharacters_bidiOverrides_loneSurrogates_orNonNfcForms() {
        String id = founded();
        String member = """
                {"memberId": "m-text", "disclosed": true, "name": "%s", "country": "VN", "region": "%s",
                 "sector": "classifieds", "joinedOn": "2020-03-01", "note": null}""";
        refused(C + id + "/members", member.formatted("\\u202Egnp.exe\\u0000", "Asia"), 400, "INVALID_TEXT");
        refused(C + id + "/members", member.formatted("Name", "\\ud800"), 400, "INVALID_TEXT");
        refused(C + id + "/members", member.formatted("Line\\nbreak", "Asia"), 400, "INVALID_TEXT");
        refused(C + id + "/members", member.formatted("Cafe\\u0301", "Asia"), 400, "INVALID_TEXT");
        admin().post().uri(C + id + "/members").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(member.formatted("Caf\\u00e9 \\ud83d\\udc18", "Asia")).exchange()
                .expectStatus().isCreated();
    }

    // --- JSON types -----------------------------------------------------------------------------------------

    @Test
    void jsonTypes_areNotCoerced() {
        String id = founded();
        String batch = ApiFixtures.takedownBatch("b-types", "2020-02-01", "2020-03-01", 5);
        refused(C + id + "/takedown-batches", batch.replace("\"b-types\"", "true"), 400, "MALFORMED_REQUEST");
        refused(C + id + "/takedown-batches", batch.replace("\"b-types\"", "12"), 400, "MALFORMED_REQUEST");
        refused(C + id + "/takedown-batches", batch.replace("\"adsBlocked\": 10", "\"adsBlocked\": \"10\""), 400,
                "MALFORMED_REQUEST");
        refused(C + id + "/takedown-batches", batch.replace("\"adsBlocked\": 10", "\"adsBlocked\": 10.5"), 400,
                "MALFORMED_REQUEST");
        refused(C + id + "/takedown-batches", batch.replace("\"adsBlocked\": 10", "\"adsBlocked\": true"), 400,
                "MALFORMED_REQUEST");
        refused(C + id + "/takedown-batches", batch.replace("\"2020-02-01\"", "18293"), 400, "MALFORMED_REQUEST");
        refused(C + id + "/members", ApiFixtures.join("m-types", "2020-03-01").replace("true", "\"true\""), 400,
                "MALFORMED_REQUEST");
    }

    /** Refused while the body is read, for exceeding a limit on the JSON a request may hold; nothing recorded. */
    void refusedForJsonLimit(String path, String json) {
        long before = EventStoreRows.count(jdbc);
        admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("the body exceeds a limit of the JSON it may hold"));
        assertThat(EventStoreRows.count(jdbc)).as("events after a refused request").isEqualTo(before);
    }

    @Test
    void body_rejected_whenANumberOrTextIsTooLong_orNestedTooDeep_andA10MegabyteText413() {
        String id = founded();
        String arrest = ApiFixtures.arrest("a-limits", "2020-02-01", 2);
        // A 100-digit count, a 100 KB agency: refused by the reader before any value is built.
        refusedForJsonLimit(C + id + "/arrests", arrest.replace("\"count\": 2", "\"count\": 1" + "0".repeat(99)));
        refusedForJsonLimit(C + id + "/arrests", arrest.replace("\"Police\"", "\"" + "p".repeat(100_000) + "\""));
        // Deep nesting: a JSON endpoint stops at the first value of the wrong shape; an import line is read whole.
        String deep = "[".repeat(200) + "]".repeat(200);
        refused(C + id + "/arrests", arrest.replace("\"test scope\"", deep), 400, "MALFORMED_REQUEST");
        long before = EventStoreRows.count(jdbc);
        admin().post().uri(C + id + "/imports").contentType(NDJSON)
                .bodyValue(importLine("RecordArrest", "{\"coalitionId\": \"" + id + "\", \"nested\": " + deep + "}"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.lines[0].outcome").isEqualTo("REJECTED")
                .jsonPath("$.lines[0].problem.code").isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.lines[0].problem.detail").value(detail -> assertThat((String) detail)
                        .startsWith("the line exceeds a limit of the JSON it may hold"));
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        // Ten megabytes of text: beyond the body size limit, 413 before it is parsed.
        refused(C + id + "/arrests", arrest.replace("\"Police\"", "\"" + "p".repeat(10 * 1024 * 1024) + "\""),
                413, "PAYLOAD_TOO_LARGE");
        // The coalition's views still answer (once the projection has folded its founding).
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get().uri(C + id + "/year-over-year").exchange()
                .returnResult(String.class).getStatus().value() == 200);
    }

    @Test
    void body_rejected_whenAFieldIsGivenTwice() {
        String id = founded();
        // "Last one wins" would record 200 arrests where a first reader of the body saw 2.
        refused(C + id + "/arrests", ApiFixtures.arrest("a-twice", "2020-02-01", 2)
                .replace("\"count\": 2,", "\"count\": 2, \"count\": 200,"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void counts_acceptedUpToTheCap_refusedAbove_andSumsOfCappedRecordsStayExact() {
        String id = founded();
        long cap = org.coalitionledger.api.validation.Checks.MAX_COUNT;
        refused(C + id + "/arrests", ApiFixtures.arrest("a-over", "2020-02-01", cap + 1), 400, "INVALID_COUNT");
        refused(C + id + "/takedown-batches", ApiFixtures.takedownBatch("b-over", "2020-02-01", "2020-03-01", cap + 1),
                400, "INVALID_COUNT");
        admin().post().uri(C + id + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest("a-cap-1", "2020-02-01", cap)).exchange().expectStatus().isCreated();
        admin().post().uri(C + id + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest("a-cap-2", "2020-02-02", 1)).exchange().expectStatus().isCreated();
        refused(C + id + "/records/a-cap-2/corrections", "{\"count\": " + (cap + 1) + ", \"reason\": \"r\"}", 400,
                "INVALID_COUNT");
        admin().post().uri(C + id + "/records/a-cap-2/corrections").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"count\": " + cap + ", \"reason\": \"recount\"}").exchange().expectStatus().isCreated();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> admin().get()
                .uri(C + id + "/year-over-year?basis=calendar-year").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.rows[0].figures.arrests").isEqualTo(2 * cap));
    }

    // --- import ---------------------------------------------------------------------------------------------

    String importLine(String command, String payload) {
        return "{\"command\": \"" + command + "\", \"payload\": " + payload.replace("\n", " ") + "}";
    }

    /** Imports one line and asserts it is rejected with the code the JSON endpoint gives, recording nothing. */
    void lineRefused(String id, String line, int status, String code) {
        long before = EventStoreRows.count(jdbc);
        admin().post().uri(C + id + "/imports").contentType(NDJSON).bodyValue(line).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.lines[0].outcome").isEqualTo("REJECTED")
                .jsonPath("$.lines[0].problem.status").isEqualTo(status)
                .jsonPath("$.lines[0].problem.code").isEqualTo(code);
        assertThat(EventStoreRows.count(jdbc)).as("events after a refused import line").isEqualTo(before);
    }

    @Test
    void importLines_passExactlyTheChecksOfTheJsonEndpoints() {
        String id = founded();
        String arrest = "{\"coalitionId\": \"" + id + "\", " + ApiFixtures.arrest("a-imp", "2020-02-01", 2).strip()
                .substring(1);
        String batch = "{\"coalitionId\": \"" + id + "\", "
                + ApiFixtures.takedownBatch("b-imp", "2020-02-01", "2020-03-01", 5).strip().substring(1);
        // An absent figure is an error, never a silent 0, with the same code over HTTP and on an import line.
        lineRefused(id, importLine("RecordTakedownBatch", batch.replace("\"listingsRemoved\": 5,", "")), 400,
                "MISSING_FIELD");
        refused(C + id + "/takedown-batches", ApiFixtures.takedownBatch("b-imp", "2020-02-01", "2020-03-01", 5)
                .replace("\"listingsRemoved\": 5,", ""), 400, "MISSING_FIELD");
        lineRefused(id, importLine("RecordArrest", arrest.replace("\"count\": 2,", "")), 400, "MISSING_FIELD");
        refused(C + id + "/arrests", ApiFixtures.arrest("a-imp", "2020-02-01", 2).replace("\"count\": 2,", ""), 400,
                "MISSING_FIELD");
        lineRefused(id, importLine("JoinCoalition", ("{\"coalitionId\": \"" + id + "\", "
                + ApiFixtures.join("m-imp", "2020-03-01").strip().substring(1)).replace("\"disclosed\": true,", "")),
                400, "MISSING_FIELD");
        lineRefused(id, importLine("RecordArrest", arrest.replace("2020-02-01", "9999-12-31")), 400, "IMPLAUSIBLE_DATE");
        lineRefused(id, importLine("RecordArrest", arrest.replace("\"Police\"", "\"\\u202Egnp.exe\"")), 400,
                "INVALID_TEXT");
        lineRefused(id, importLine("RecordArrest", arrest.replace("\"a-imp\"", "true")), 400, "MALFORMED_REQUEST");
        lineRefused(id, importLine("RecordArrest", arrest.replace("\"count\": 2", "\"count\": \"2\"")), 400,
                "MALFORMED_REQUEST");
        lineRefused(id, importLine("RecordConfiscation", "{\"coalitionId\": \"" + id + "\", "
                + ApiFixtures.confiscation("c-imp", "2020-04-01").strip().substring(1)
                .replace("\"672.02\"", "1e30000000")), 400, "NUMBER_OUT_OF_RANGE");
        admin().post().uri(C + id + "/imports").contentType(NDJSON).bodyValue(importLine("RecordArrest", arrest))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.recorded").isEqualTo(1);
    }
}
