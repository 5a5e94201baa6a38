package org.coalitionledger.web.api;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped first-year history, imported through the bulk endpoint into a fresh coalition (the coalition id and
 * the record ids rewritten, since record ids are global), gives the same views as the built-in load of
 * {@code cewto}: every view is compared as JSON with only the ids put back.
 */
@LedgerApplicationTest
class FirstYearImportTest {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Test
    void importingTheFirstYearHistory_givesTheSameViews_asTheBuiltInLoad() throws IOException {
        String id = ApiFixtures.freshId("fy");
        String suffix = "-" + id;
        String original = new ClassPathResource("history/first-year.ndjson").getContentAsString(StandardCharsets.UTF_8);
        String rewritten = original.lines().filter(line -> !line.isBlank()).map(line -> {
            ObjectNode node = (ObjectNode) mapper.readTree(line);
            ObjectNode payload = (ObjectNode) node.get("payload");
            payload.put("coalitionId", id);
            for (String field : List.of("recordId", "batchId")) {
                if (payload.has(field)) {
                    payload.put(field, payload.get(field).asString() + suffix);
                }
            }
            return mapper.writeValueAsString(node);
        }).collect(Collectors.joining("\n"));
        long lines = original.lines().filter(line -> !line.isBlank()).count();

        WebTestClient admin = client(TestTokens.ADMIN);
        admin.post().uri(C + id + "/imports").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(rewritten).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.recorded").isEqualTo((int) lines).jsonPath("$.rejected").isEqualTo(0);

        WebTestClient partner = client(TestTokens.PARTNER);
        for (String view : List.of("", "/members?asOf=2019-03-07", "/members?asOf=2018-06-01",
                "/year-over-year?basis=coalition-year", "/year-over-year?basis=calendar-year", "/goals/progress",
                "/restatements")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String imported = normalise(get(partner, C + id + view), id, suffix);
                String builtIn = normalise(get(partner, C + "cewto" + view), "cewto", "");
                assertThat(imported).as(view).isEqualTo(builtIn);
            });
        }
    }

    private String get(WebTestClient client, String path) {
        JsonNode body = client.get().uri(path).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                .returnResult().getResponseBody();
        return mapper.writeValueAsString(body);
    }

    /** Puts the coalition id and record ids back, so only real differences remain. */
    private static String normalise(String json, String coalitionId, String recordSuffix) {
        String result = json.replace("\"" + coalitionId + "\"", "\"COALITION\"");
        return recordSuffix.isEmpty() ? result : result.replace(recordSuffix + "\"", "\"");
    }

    private WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }
}
