package org.coalitionledger.web.identity;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect end to end: a real provider (Spring Authorization Server) issues access tokens, the ledger is
 * configured with its issuer only and checks each token with Spring Security's resource-server decoder (discovery,
 * JWKS, signature, issuer, expiry). The person and role come from the configured claims; events name the person.
 */
class OidcBearerTokenTest {

    static ConfigurableApplicationContext provider;
    static ConfigurableApplicationContext ledger;
    static int port;

    @BeforeAll
    static void start() {
        provider = OidcProvider.start();
        ledger = new SpringApplicationBuilder(CoalitionApplication.class).profiles("test").run(
                "--server.port=0",
                "--coalition.data-dir=./target/test-data/oidc-" + UUID.randomUUID(),
                "--coalition.first-year-history.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + OidcProvider.issuer(provider),
                "--coalition.identity.oidc.subject-claim=email",
                "--coalition.identity.oidc.role-claim=ledger_roles");
        port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    WebTestClient client(String token) {
        return IdentityTestSupport.client(port, token);
    }

    @Test
    void oidcToken_ofAnAdministrator_writes_andTheEventsNameThePerson() {
        String token = OidcProvider.accessToken(provider, OidcProvider.ADMIN);
        assertThat(token.split("\\.")).hasSize(3);
        String coalition = ApiFixtures.freshId("oidc");
        client(token).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();

        JsonNode events = client(TestTokens.AUDITOR).get().uri("/api/v1/coalitions/" + coalition + "/events")
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(events.path("events").size()).isEqualTo(4);
        for (JsonNode event : events.path("events")) {
            assertThat(event.path("actor").asString()).isEqualTo("grace@example.org");
            assertThat(event.path("actorRole").asString()).isEqualTo("ADMIN");
            assertThat(event.path("authMethod").asString()).isEqualTo("oidc");
            assertThat(event.path("credentialId").asString()).startsWith("jwt:").hasSizeGreaterThan(4);
        }
    }

    @Test
    void oidcToken_ofAPartner_reads_butCannotWrite() {
        String token = OidcProvider.accessToken(provider, OidcProvider.PARTNER);
        client(token).get().uri("/api/v1/coalitions").exchange().expectStatus().isOk();
        IdentityTestSupport.problem(client(token).post().uri("/api/v1/coalitions")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(ApiFixtures.freshId("x")))
                .exchange(), 403, "FORBIDDEN");
    }

    @Test
    void oidcToken_withoutALedgerRole_isForbiddenEverywhereButPublicRoutes() {
        String token = OidcProvider.accessToken(provider, OidcProvider.NO_ROLE);
        IdentityTestSupport.problem(client(token).get().uri("/api/v1/coalitions").exchange(), 403, "FORBIDDEN");
        client(token).get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void aTamperedOrForeignToken_isUnauthenticated() {
        String token = OidcProvider.accessToken(provider, OidcProvider.ADMIN);
        String[] parts = token.split("\\.");
        // Another payload under the same signature: the signature no longer matches.
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"mallory\",\"email\":\"mallory@example.org\",\"ledger_roles\":[\"admin\"]}".getBytes())
                + "." + parts[2];
        IdentityTestSupport.problem(client(forged).get().uri("/api/v1/coalitions").exchange(), 401,
                "UNAUTHENTICATED");
        IdentityTestSupport.problem(client(parts[0] + "." + parts[1] + ".").get().uri("/api/v1/coalitions")
                .exchange(), 401, "UNAUTHENTICATED");
    }
}
