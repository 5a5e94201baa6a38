package org.coalitionledger.web.identity;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.ApiKeys;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import static org.awaitility.Awaitility.await;

/**
 * Named API keys on the whole application: an administrator issues a key for a person, the person's writes name
 * them on every event, and a revocation refuses the key from the next request on. Issuing and revoking are events.
 */
@LedgerApplicationTest
class ApiKeyTest {

    static final String KEYS = "/api/v1/admin/api-keys";
    static final String C = "/api/v1/coalitions";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiKeys apiKeys;

    WebTestClient client(String token) {
        return IdentityTestSupport.client(port, token);
    }

    /** Issues a key as the bootstrap administrator and returns the whole answer. */
    JsonNode issue(String subject, String role) {
        return IdentityTestSupport.issue(client(TestTokens.ADMIN), subject, role);
    }

    /** The key ids of {@code count} partner keys issued one after another, to fresh subjects. */
    private List<String> partnerKeys(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(issue(ApiFixtures.freshId(prefix) + "@example.org", "PARTNER").path("key").path("keyId")
                    .asString());
        }
        return ids;
    }

    @Test
    void apiKey_issued_usedAndNamedOnEveryEvent_thenRevoked_nextRequest401() {
        String subject = ApiFixtures.freshId("alice") + "@example.org";
        JsonNode issued = issue(subject, "ADMIN");
        String token = issued.path("token").asString();
        String keyId = issued.path("key").path("keyId").asString();
        assertThat(token).startsWith("clk_" + keyId + "_");
        assertThat(issued.path("key").path("subject").asString()).isEqualTo(subject);
        assertThat(issued.path("key").path("issuedBy").asString()).isEqualTo("admin");

        // Only a hash is kept: the secret is neither in the key table nor in any stored event or metadata.
        // The secret is everything after "clk_<keyId>_" (it may itself contain '_').
        String secret = token.substring(("clk_" + keyId + "_").length());
        assertThat(secret).hasSize(43);
        Map<String, Object> row = jdbc.queryForMap("select * from api_key where key_id = ?", keyId);
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(secret));
        assertThat(storedEventBytes()).noneMatch(bytes -> bytes.contains(secret));

        // The issue is a fact on admin:api-key:<keyId>, recorded by the administrator who issued it.
        List<Map<String, Object>> stream = IdentityTestSupport.stream(jdbc, "admin:api-key:" + keyId);
        assertThat(stream).extracting(r -> r.get("payload_type"))
                .containsExactly("org.coalitionledger.api.admin.ApiKeyIssuedEvent");
        assertThat(IdentityTestSupport.metadata(stream.get(0))).contains("\"actor\":\"admin\"")
                .contains("\"credentialId\":\"bootstrap:ADMIN\"").contains("\"authMethod\":\"bootstrap-token\"");

        // The person writes with the key; every event names them, their role, the key and how they signed in.
        String coalition = ApiFixtures.freshId("keys");
        client(token).post().uri(C).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        JsonNode events = client(TestTokens.AUDITOR).get().uri(C + "/" + coalition + "/events").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(events.path("events").size()).isEqualTo(4);
        for (JsonNode event : events.path("events")) {
            assertThat(event.path("actor").asString()).isEqualTo(subject);
            assertThat(event.path("actorRole").asString()).isEqualTo("ADMIN");
            assertThat(event.path("credentialId").asString()).isEqualTo(keyId);
            assertThat(event.path("authMethod").asString()).isEqualTo("api-key");
        }

        // Revoked: recorded once (a repeat records nothing), and the very next request with the key is 401.
        long before = EventStoreRows.count(jdbc);
        client(TestTokens.ADMIN).post().uri(KEYS + "/" + keyId + "/revocation").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"left the team\"}").exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.recorded").isEqualTo(true)
                .jsonPath("$.key.revokedBy").isEqualTo("admin")
                .jsonPath("$.key.revocationReason").isEqualTo("left the team");
        client(TestTokens.ADMIN).post().uri(KEYS + "/" + keyId + "/revocation").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"again\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.recorded").isEqualTo(false);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);
        assertThat(IdentityTestSupport.stream(jdbc, "admin:api-key:" + keyId)).extracting(r -> r.get("payload_type"))
                .containsExactly("org.coalitionledger.api.admin.ApiKeyIssuedEvent",
                        "org.coalitionledger.api.admin.ApiKeyRevokedEvent");

        client(token).post().uri(C + "/" + coalition + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest(coalition + "-a", "2020-02-01", 1)).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(PROBLEM)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        client(token).get().uri(C).exchange().expectStatus().isUnauthorized();
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);

        // Auditors see both facts in the administrative history, with who issued and who revoked.
        String history = client(TestTokens.AUDITOR).get().uri("/api/v1/admin/events?limit=1000").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(history).contains("\"aggregateId\":\"admin:api-key:" + keyId + "\"")
                .contains("org.coalitionledger.api.admin.ApiKeyRevokedEvent").doesNotContain(secret);
    }

    @Test
    void apiKey_roleIsEnforced_aPartnerKeyReads_butCannotWrite() {
        String token = issue(ApiFixtures.freshId("pat") + "@ngo.example", "PARTNER").path("token").asString();
        client(token).get().uri(C + "/cewto").exchange().expectStatus().isOk();
        long before = EventStoreRows.count(jdbc);
        client(token).post().uri(C).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(ApiFixtures.freshId("nope"))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        client(token).post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(IdentityTestSupport.issueBody("mallory@example.org", "ADMIN")).exchange()
                .expectStatus().isForbidden();
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void apiKeys_listedNewestFirst_aPageAtATime_eachWithinItsLimit_andEveryOneOnce() {
        List<String> issued = partnerKeys("paged", 4);
        List<String> inTwos = IdentityTestSupport.everyKeyId(client(TestTokens.ADMIN), KEYS + "?limit=2", 2);
        assertThat(inTwos).containsAll(issued).doesNotHaveDuplicates()
                .isEqualTo(jdbc.queryForList("select key_id from api_key order by issued_at desc, key_id desc",
                        String.class));
        assertThat(inTwos.indexOf(issued.get(2))).isLessThan(inTwos.indexOf(issued.get(1)));
        assertThat(inTwos.indexOf(issued.get(1))).isLessThan(inTwos.indexOf(issued.get(0)));
        assertThat(IdentityTestSupport.everyKeyId(client(TestTokens.ADMIN), KEYS, 100)).isEqualTo(inTwos);

        // A page reads its own rows and one more, however many keys were issued.
        long before = apiKeys.rowsListed();
        client(TestTokens.ADMIN).get().uri(KEYS + "?limit=2").exchange().expectStatus().isOk();
        assertThat(apiKeys.rowsListed() - before).isEqualTo(3);
    }

    /** Keys issued in the same instant come by key id, newest id first, and a page may end between them. */
    @Test
    void apiKeys_issuedInTheSameInstant_comeByKeyIdDescending_noneSkippedAtAPagesEnd() {
        List<String> tied = partnerKeys("tied", 3);
        // One instant before every other key's, so that the walk's last pages hold only these.
        java.sql.Timestamp oldest = jdbc.queryForObject("select min(issued_at) from api_key",
                java.sql.Timestamp.class);
        jdbc.update("update api_key set issued_at = ? where key_id in (?, ?, ?)", java.sql.Timestamp.from(
                oldest.toInstant().minus(java.time.Duration.ofDays(1))), tied.get(0), tied.get(1), tied.get(2));
        List<String> inOnes = IdentityTestSupport.everyKeyId(client(TestTokens.ADMIN), KEYS + "?limit=1", 1);
        assertThat(inOnes).doesNotHaveDuplicates()
                .endsWith(tied.stream().sorted(java.util.Comparator.reverseOrder()).toArray(String[]::new));
    }

    @Test
    void apiKeys_aPageSizeOutsideItsBounds_orAnAfterThatIsNoKey_is400() {
        WebTestClient admin = client(TestTokens.ADMIN);
        IdentityTestSupport.problem(admin.get().uri(KEYS + "?limit=0").exchange(), 400, "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.get().uri(KEYS + "?limit=1001").exchange(), 400, "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.get().uri(KEYS + "?after=0000000000000000").exchange(), 400,
                "VALIDATION_FAILED");
    }

    @Test
    void apiKey_monitorKey_scrapesMetrics_andNothingElse() {
        String token = issue(ApiFixtures.freshId("prometheus"), "MONITOR").path("token").asString();
        client(token).get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        client(token).get().uri("/actuator/metrics").exchange().expectStatus().isOk();
        client(token).get().uri(C).exchange().expectStatus().isForbidden();
        client(token).get().uri(C + "/cewto/events").exchange().expectStatus().isForbidden();
        client(token).get().uri("/api/v1/audit/leaves?start=0&end=1").exchange().expectStatus().isForbidden();
        client(token).get().uri(KEYS).exchange().expectStatus().isForbidden();
        client(token).post().uri(C + "/cewto/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest("monitor-arrest", "2019-01-01", 1)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void apiKey_refused_whenExpired_orItsSecretIsWrong() {
        JsonNode issued = issue(ApiFixtures.freshId("bob") + "@example.org", "PARTNER");
        String token = issued.path("token").asString();
        String keyId = issued.path("key").path("keyId").asString();
        client(token).get().uri(C).exchange().expectStatus().isOk();

        String wrongSecret = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        client(wrongSecret).get().uri(C).exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");

        // The expiry passes (moved in the database, as time would move it): the key is refused.
        jdbc.update("update api_key set expires_at = ? where key_id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), keyId);
        client(token).get().uri(C).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void issue_rejected_badInput_writesNothing() {
        long before = EventStoreRows.count(jdbc);
        long keys = jdbc.queryForObject("select count(*) from api_key", Long.class);
        WebTestClient admin = client(TestTokens.ADMIN);
        IdentityTestSupport.problem(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\": \"carol@example.org\", \"role\": \"ADMIN\", \"expiresAt\": \""
                        + Instant.now().minus(Duration.ofDays(1)) + "\"}").exchange(), 400, "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\": \"carol@example.org\", \"role\": \"ADMIN\", \"expiresAt\": \""
                        + Instant.now().plus(Duration.ofDays(400)) + "\"}").exchange(), 400, "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(IdentityTestSupport.issueBody("carol example", "ADMIN")).exchange(), 400,
                "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(IdentityTestSupport.issueBody("carol@example.org", "SUPERUSER")).exchange(), 400,
                "MALFORMED_REQUEST");
        IdentityTestSupport.problem(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"subject\": \"carol@example.org\", \"name\": \"\\u202Egnp.exe\", \"role\": \"ADMIN\", "
                        + "\"expiresAt\": \"" + Instant.now().plus(Duration.ofDays(1)) + "\"}").exchange(), 400,
                "VALIDATION_FAILED");
        IdentityTestSupport.problem(admin.post().uri(KEYS).header("Idempotency-Key", "issue-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(IdentityTestSupport.issueBody("carol@example.org", "ADMIN")).exchange(), 400,
                "MALFORMED_REQUEST");
        IdentityTestSupport.problem(admin.post().uri(KEYS + "/0000000000000000/revocation")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"gone\"}").exchange(), 404,
                "API_KEY_NOT_FOUND");
        IdentityTestSupport.problem(admin.get().uri(KEYS + "/0000000000000000").exchange(), 404, "API_KEY_NOT_FOUND");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from api_key", Long.class)).isEqualTo(keys);
    }

    @Test
    void keys_listed_withoutSecrets() {
        JsonNode issued = issue(ApiFixtures.freshId("dave") + "@example.org", "AUDITOR");
        String keyId = issued.path("key").path("keyId").asString();
        String listed = client(TestTokens.ADMIN).get().uri(KEYS).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(keyId).doesNotContain(issued.path("token").asString())
                .doesNotContain("secret");
        client(TestTokens.ADMIN).get().uri(KEYS + "/" + keyId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("AUDITOR").jsonPath("$.revokedAt").isEmpty();
    }

    @Test
    void restatementTrail_namesWhoRecorded_andWhoCorrected() {
        String subject = ApiFixtures.freshId("erin") + "@example.org";
        String token = issue(subject, "ADMIN").path("token").asString();
        String coalition = ApiFixtures.freshId("trail");
        WebTestClient erin = client(token);
        erin.post().uri(C).contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(coalition))
                .exchange().expectStatus().isCreated();
        erin.post().uri(C + "/" + coalition + "/arrests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.arrest(coalition + "-r", "2020-02-01", 2)).exchange().expectStatus().isCreated();
        // Another person (here the bootstrap administrator) corrects it.
        client(TestTokens.ADMIN).post().uri(C + "/" + coalition + "/records/" + coalition + "-r/corrections")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"count\": 3, \"reason\": \"recount\"}")
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client(TestTokens.PARTNER).get()
                .uri(C + "/" + coalition + "/restatements").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.restatements.length()").isEqualTo(1)
                .jsonPath("$.restatements[0].actor").isEqualTo("admin")
                .jsonPath("$.restatements[0].recordedBy").isEqualTo(subject));
        client(TestTokens.AUDITOR).get().uri(C + "/" + coalition + "/records/" + coalition + "-r/events").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.events[0].actor").isEqualTo(subject)
                .jsonPath("$.events[0].authMethod").isEqualTo("api-key")
                .jsonPath("$.events[1].actor").isEqualTo("admin")
                .jsonPath("$.events[1].authMethod").isEqualTo("bootstrap-token");
    }

    private List<String> storedEventBytes() {
        return jdbc.query("select payload, meta_data from domain_event_entry", (rs, n) ->
                new String(rs.getBytes(1), StandardCharsets.UTF_8) + new String(rs.getBytes(2), StandardCharsets.UTF_8));
    }
}
