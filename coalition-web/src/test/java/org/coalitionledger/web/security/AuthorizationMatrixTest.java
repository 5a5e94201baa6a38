package org.coalitionledger.web.security;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the application registers (read from its own handler mapping, plus the actuator endpoints),
 * called with no token, a wrong token and each role's token, must behave as {@link ApiRoutes} says. An endpoint
 * without a rule fails here (and is denied to everyone by the security configuration).
 */
@LedgerApplicationTest
class AuthorizationMatrixTest {

    static final String PROBE = "matrix-probe";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @LocalServerPort
    int port;

    record Endpoint(HttpMethod method, String path) {
    }

    @Autowired
    PathMappedEndpoints actuatorEndpoints;

    List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                for (RequestMethod requestMethod : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String path = concrete(pattern.getPatternString());
                    if (seen.add(requestMethod + " " + path)) {
                        endpoints.add(new Endpoint(requestMethod.asHttpMethod(), path));
                    }
                }
            }
        });
        // Actuator endpoints are not controller methods: take the exposed ones from the actuator itself.
        for (String actuator : actuatorEndpoints.getAllPaths()) {
            endpoints.add(new Endpoint(HttpMethod.GET, actuator));
        }
        return endpoints;
    }

    /** A request path for a pattern: every variable becomes a valid id that names nothing. */
    static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", PROBE).replace("/**", "/" + PROBE);
    }

    @Test
    void everyEndpoint_hasARule_inTheRouteTable() {
        List<String> withoutRule = endpoints().stream()
                .filter(e -> ApiRoutes.ruleFor(e.method(), e.path()).isEmpty())
                .map(e -> e.method() + " " + e.path()).toList();
        assertThat(withoutRule).as("endpoints without a rule in ApiRoutes").isEmpty();
        assertThat(endpoints()).extracting(Endpoint::path)
                .contains("/api/v1/coalitions", "/api/v1/coalitions/" + PROBE + "/imports",
                        "/api/v1/records/" + PROBE + "/events",
                        "/api/v1/coalitions/" + PROBE + "/records/" + PROBE + "/events", "/actuator/health",
                        "/actuator/prometheus");
    }

    @Test
    void everyEndpoint_answersNoTokenWrongTokenAndEachRole_asItsRuleSays() {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            Access access = ApiRoutes.ruleFor(endpoint.method(), endpoint.path()).map(ApiRoutes.Rule::access)
                    .orElse(null);
            if (access == null) {
                failures.add(endpoint + ": no rule");
                continue;
            }
            int anonymous = call(endpoint, null);
            if (access == Access.PUBLIC ? isAuthError(anonymous) : anonymous != 401) {
                failures.add(endpoint + " without token: " + anonymous);
            }
            int wrong = call(endpoint, "not-a-valid-token-for-anyone");
            if (wrong != 401) {
                failures.add(endpoint + " with a wrong token: " + wrong);
            }
            for (Role role : Role.values()) {
                int status = call(endpoint, TestTokens.of(role));
                boolean allowed = access.allows(role);
                if (allowed ? isAuthError(status) : status != 403) {
                    failures.add(endpoint + " as " + role + ": " + status + " (allowed: " + allowed + ")");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void partnersAndAuditors_cannotWrite_anywhere() {
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.method() == HttpMethod.POST && endpoint.path().startsWith("/api/v1/coalitions")) {
                assertThat(call(endpoint, TestTokens.PARTNER)).as(endpoint + " as partner").isEqualTo(403);
                assertThat(call(endpoint, TestTokens.AUDITOR)).as(endpoint + " as auditor").isEqualTo(403);
            }
        }
    }

    @Test
    void aRouteWithoutARule_isDeniedToEveryRole_withProblemJson() {
        assertThat(ApiRoutes.ruleFor(HttpMethod.GET, "/api/v1/not-a-route")).isEmpty();
        client(TestTokens.ADMIN).get().uri("/api/v1/not-a-route").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN")
                .jsonPath("$.type").isEqualTo("urn:problem:coalition:forbidden").jsonPath("$.status").isEqualTo(403);
        client(null).get().uri("/api/v1/not-a-route").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aMalformedAuthorizationHeader_isUnauthenticated() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/api/v1/coalitions").header("Authorization", "Basic YWRtaW46YWRtaW4=").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private static boolean isAuthError(int status) {
        return status == 401 || status == 403;
    }

    private WebTestClient client(String token) {
        // A fresh connection per request: Spring Boot 4.0.7's health endpoint can stall when asked again on a
        // reused keep-alive connection (upstream; README "Known issues"), and the matrix asks it once per role.
        var builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("Connection", "close")
                .responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /**
     * Calls an endpoint and returns the status. Writes carry an empty body and a malformed Idempotency-Key, so an
     * allowed caller is refused with 400 before anything reaches the ledger (the matrix must not write).
     */
    private int call(Endpoint endpoint, String token) {
        try {
            return exchange(endpoint, token);
        } catch (IllegalStateException e) {
            throw new AssertionError(endpoint + " did not answer: " + e.getMessage(), e);
        }
    }

    private int exchange(Endpoint endpoint, String token) {
        var request = client(token).method(endpoint.method()).uri(endpoint.path());
        if (endpoint.method() == HttpMethod.POST) {
            boolean ndjson = endpoint.path().endsWith("/imports");
            return request.header("Idempotency-Key", "not a valid key")
                    .contentType(ndjson ? MediaType.parseMediaType("application/x-ndjson") : MediaType.APPLICATION_JSON)
                    .bodyValue(ndjson ? "\n" : "{}").exchange().returnResult(Void.class).getStatus().value();
        }
        return request.exchange().returnResult(Void.class).getStatus().value();
    }
}
