package org.coalitionledger.web.identity;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the identity tests: clients, issuing a key, reading a stream's stored rows. */
final class IdentityTestSupport {

    private IdentityTestSupport() {
    }

    static WebTestClient client(int port, String token) {
        var builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    static String issueBody(String subject, String role) {
        return "{\"subject\": \"" + subject + "\", \"name\": \"Test person\", \"role\": \"" + role
                + "\", \"expiresAt\": \"" + Instant.now().plus(Duration.ofDays(30)) + "\"}";
    }

    static JsonNode issue(WebTestClient admin, String subject, String role) {
        return admin.post().uri(ApiKeyTest.KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(issueBody(subject, role)).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static List<Map<String, Object>> stream(JdbcTemplate jdbc, String aggregateId) {
        return jdbc.queryForList("select payload_type, meta_data from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number", aggregateId);
    }

    static String metadata(Map<String, Object> row) {
        return new String((byte[]) row.get("meta_data"), StandardCharsets.UTF_8);
    }

    static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.type").value(type -> assertThat((String) type).startsWith("urn:problem:coalition:"));
    }

    /**
     * Every key id, from {@code first} on, following each answer's {@code Link: <...>; rel="next"}; each page holds
     * at most {@code limit} keys.
     */
    static List<String> everyKeyId(WebTestClient admin, String first, int limit) {
        List<String> ids = new ArrayList<>();
        String uri = first;
        while (uri != null) {
            var answer = admin.get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult();
            JsonNode page = answer.getResponseBody();
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            page.forEach(key -> ids.add(key.path("keyId").asString()));
            String link = answer.getResponseHeaders().getFirst(HttpHeaders.LINK);
            uri = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf(">; rel=\"next\""));
        }
        return ids;
    }
}
