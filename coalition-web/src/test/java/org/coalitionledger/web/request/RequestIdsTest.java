package org.coalitionledger.web.request;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The server makes every request id; a client's valid X-Request-Id is kept apart as its reference, else 400. */
@LedgerApplicationTest
class RequestIdsTest {

    private static final String COALITIONS = "/api/v1/coalitions";

    @LocalServerPort
    int port;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    private WebTestClient.ResponseSpec found(String id, String clientRequestId) {
        var request = client(TestTokens.ADMIN).post().uri(COALITIONS).contentType(MediaType.APPLICATION_JSON);
        if (clientRequestId != null) {
            request = request.header(RequestIds.HEADER, clientRequestId);
        }
        return request.bodyValue(ApiFixtures.foundCoalition(id)).exchange();
    }

    private JsonNode firstEvent(String coalitionId) {
        return client(TestTokens.AUDITOR).get().uri(COALITIONS + "/" + coalitionId + "/events").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("events").get(0);
    }

    @Test
    void write_accepted_serverMakesTheRequestId_andKeepsTheClientReferenceApart() {
        String id = ApiFixtures.freshId("reqid");
        String clientReference = "client-ref:" + id;
        var result = found(id, clientReference).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult();
        String serverId = result.getResponseHeaders().getFirst(RequestIds.HEADER);

        assertThat(serverId).isNotEqualTo(clientReference);
        assertThat(UUID.fromString(serverId).toString()).isEqualTo(serverId);
        assertThat(result.getResponseBody().path("requestId").asString()).isEqualTo(serverId);
        JsonNode event = firstEvent(id);
        assertThat(event.path("requestId").asString()).isEqualTo(serverId);
        assertThat(event.path("clientRequestId").asString()).isEqualTo(clientReference);
        assertThat(event.path("metadata").path("clientRequestId").asString()).isEqualTo(clientReference);
    }

    @Test
    void write_accepted_withoutAClientReference_andTheSameReferenceTwiceGetsTwoServerIds() {
        String id = ApiFixtures.freshId("reqid");
        String first = found(id, null).expectStatus().isCreated().returnResult(String.class)
                .getResponseHeaders().getFirst(RequestIds.HEADER);
        JsonNode event = firstEvent(id);
        assertThat(event.path("requestId").asString()).isEqualTo(first);
        assertThat(event.path("clientRequestId").isNull()).isTrue();
        assertThat(event.path("metadata").has("clientRequestId")).isFalse();

        String reused = "same-reference";
        String a = found(ApiFixtures.freshId("reqid"), reused).expectStatus().isCreated().returnResult(String.class)
                .getResponseHeaders().getFirst(RequestIds.HEADER);
        String b = found(ApiFixtures.freshId("reqid"), reused).expectStatus().isCreated().returnResult(String.class)
                .getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void clientReference_accepted_atTheLengthBound() {
        String id = ApiFixtures.freshId("reqid");
        String longest = "r".repeat(128);
        found(id, longest).expectStatus().isCreated();
        assertThat(firstEvent(id).path("clientRequestId").asString()).isEqualTo(longest);
    }

    @Test
    void write_rejected_400_whenTheClientReferenceIsInvalid_andNothingIsRecorded() {
        for (String invalid : new String[]{"r".repeat(129), "has space", "<script>", "semi;colon", ""}) {
            String id = ApiFixtures.freshId("reqid");
            found(id, invalid)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists(RequestIds.HEADER)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(400)
                    .jsonPath("$.code").isEqualTo("INVALID_REQUEST_ID")
                    .jsonPath("$.type").isEqualTo("urn:problem:coalition:invalid-request-id");
            client(TestTokens.AUDITOR).get().uri(COALITIONS + "/" + id + "/events").exchange()
                    .expectStatus().isNotFound();
        }
    }

    @Test
    void read_rejected_400_whenTheClientReferenceIsInvalid_evenBeforeAuthentication() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri(COALITIONS).header(RequestIds.HEADER, "bad id").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_REQUEST_ID");
    }
}
