package org.coalitionledger.web.api;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every view as CSV from the API ({@code Accept: text/csv}): UTF-8 bytes, RFC 4180 quoting and formula-like
 * client text neutralised, on the whole application and the real event store.
 */
@LedgerApplicationTest
class CsvDownloadsTest {

    static final String C = "/api/v1/coalitions/";
    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @LocalServerPort
    int port;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    void post(String path, String json) {
        client(TestTokens.ADMIN).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isCreated();
    }

    /** The body as the bytes sent, decoded as the UTF-8 the content type declares. */
    String csv(String path) {
        byte[] body = client(TestTokens.PARTNER).get().uri(path).accept(CSV).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .expectBody().returnResult().getResponseBodyContent();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void members_csv_quotesUtf8NamesAndNeutralisesFormulas_andNamesNoUndisclosedMember() {
        String id = ApiFixtures.freshId("csv");
        post(C.substring(0, C.length() - 1), ApiFixtures.foundCoalition(id));
        post(C + id + "/members", """
                {"memberId": "alibaba-cn", "disclosed": true, "name": "阿里巴巴, \\"淘宝\\"", "country": "CN",
                 "region": "Asia", "sector": "e-commerce", "joinedOn": "2020-02-01", "note": null}""");
        post(C + id + "/members", """
                {"memberId": "formula", "disclosed": true, "name": "=HYPERLINK(1)", "country": "US",
                 "region": "North America", "sector": "@search", "joinedOn": "2020-02-01", "note": null}""");
        post(C + id + "/members", """
                {"memberId": "quiet", "disclosed": false, "joinedOn": "2020-02-01", "note": "name unpublished"}""");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(csv(C + id + "/members?asOf=2020-03-01").lines()).hasSize(6));
        List<String> lines = csv(C + id + "/members?asOf=2020-03-01").lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", ViewsCsv.MEMBERS));
        assertThat(lines).contains(
                "2020-03-01,alibaba-cn,\"阿里巴巴, \"\"淘宝\"\"\",true,CN,Asia,e-commerce,false,2020-02-01,",
                "2020-03-01,formula,'=HYPERLINK(1),true,US,North America,'@search,false,2020-02-01,",
                "2020-03-01,quiet,,false,,,,false,2020-02-01,");
        // JSON stays the default for browsers and tools that send a wildcard.
        client(TestTokens.PARTNER).get().uri(C + id + "/members?asOf=2020-03-01").accept(MediaType.ALL).exchange()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void goalsRestatementsAndYearOverYear_csv_haveTheirRows() {
        String id = ApiFixtures.freshId("csv");
        post(C.substring(0, C.length() - 1), ApiFixtures.foundCoalition(id));
        post(C + id + "/arrests", ApiFixtures.arrest(id + "-a", "2020-02-01", 2));
        post(C + id + "/records/" + id + "-a/corrections",
                "{\"count\": 3, \"reason\": \"+1 reported late, by the 公安局\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(csv(C + id + "/restatements").lines()).hasSize(2));
        List<String> restatements = csv(C + id + "/restatements").lines().toList();
        assertThat(restatements.get(0)).isEqualTo(String.join(",", ViewsCsv.RESTATEMENTS));
        assertThat(restatements.get(1))
                .startsWith(id + "-a,ARREST,CORRECTION,2020-02-01,,,,2,,,,,,,,,,3,,,,,,,")
                .contains(",\"'+1 reported late, by the 公安局\",admin,");

        List<String> goals = csv(C + id + "/goals/progress").lines().toList();
        assertThat(goals.get(0)).isEqualTo(String.join(",", ViewsCsv.GOALS));
        assertThat(goals.get(1)).startsWith("reduce-80,Reduce trafficking online by 80%,ONLINE_TRAFFICKING,,80,,"
                + "2022-12-31,2020-01-15,2020-01-15/2021-01-14,2020-01-15,2021-01-14,");

        List<String> years = csv(C + id + "/year-over-year").lines().toList();
        assertThat(years.get(0)).isEqualTo(String.join(",", ViewsCsv.YEAR_OVER_YEAR));
        assertThat(years.get(1)).startsWith("2020-01-15/2021-01-14,2020-01-15,2021-01-14,0,0,0,3,0.00,,");
        assertThat(years.get(1)).contains(",true,ARRESTS," + id + "-a");
    }
}
