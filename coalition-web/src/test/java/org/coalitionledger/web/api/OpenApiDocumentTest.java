package org.coalitionledger.web.api;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.ApiRoutes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as served: every API operation has a role (or is public), bearer security and problem
 * responses; and the committed copy {@code docs/openapi.json} is the same document. Writes the served one to
 * {@code target/openapi.json} for the CI linter (.ci/run). {@link #REGENERATE} rewrites the committed copy.
 */
@LedgerApplicationTest
class OpenApiDocumentTest {

    static final Path OUTPUT = Path.of("target", "openapi.json");
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    static final String REGENERATE = "./mvnw -q -pl coalition-web -am verify -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcoalition.openapi.update=true";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Test
    void openApiDocument_listsEveryApiOperation_withRoleSecurityAndProblems() throws IOException {
        // The first request builds the document; on a busy 2-core CI machine that can take longer than 5 s.
        byte[] document = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        JsonNode api = mapper.readTree(document);
        byte[] pretty = (mapper.writerWithDefaultPrettyPrinter().writeValueAsString(api) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.createDirectories(OUTPUT.getParent());
        Files.write(OUTPUT, pretty);
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : api.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                boolean isPublic = ApiRoutes.ruleFor(HttpMethod.valueOf(op.getKey().toUpperCase()),
                        path.getKey().replaceAll("\\{[^}]+}", "x")).map(r -> r.access().roles().isEmpty()).orElse(false);
                if (!isPublic && (operation.path("x-roles").isEmpty() || operation.path("security").isEmpty())) {
                    problems.add(where + ": no role or security");
                }
                if (!isPublic && !operation.path("responses").has("403")) {
                    problems.add(where + ": no 403 problem");
                }
                if (!operation.path("responses").path("400").path("content").has("application/problem+json")) {
                    problems.add(where + ": no problem+json 400");
                }
                if (operation.path("operationId").isMissingNode()) {
                    problems.add(where + ": no operationId");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(operations).isGreaterThanOrEqualTo(18);
        assertThat(api.path("components").path("schemas").has("Problem")).isTrue();
        assertThat(api.path("components").path("schemas").has("WriteReceipt")).isTrue();
        assertThat(api.path("paths").path("/api/v1/coalitions/{id}/year-over-year").path("get").path("responses")
                .path("200").path("content").has("text/csv")).isTrue();
    }

    @Test
    void committedOpenApiDocument_isTheApplicationsDocument() throws IOException {
        byte[] served = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        JsonNode api = mapper.readTree(served);
        if (Boolean.getBoolean("coalition.openapi.update")) {
            Files.writeString(COMMITTED, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(api) + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as("docs/openapi.json exists; create it with: " + REGENERATE).isTrue();
        List<String> differences = new ArrayList<>();
        differences(mapper.readTree(Files.readAllBytes(COMMITTED)), api, "", differences);
        assertThat(differences)
                .as("docs/openapi.json differs from the application's /v3/api-docs at these places (committed vs "
                        + "served). If the API change is intended, regenerate it with: " + REGENERATE)
                .isEmpty();
    }

    /** Where two documents differ, as JSON pointers (at most 20). */
    static void differences(JsonNode committed, JsonNode served, String at, List<String> found) {
        if (found.size() >= 20 || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>(committed.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                differences(committed.path(name), served.path(name), at + "/" + name.replace("~", "~0")
                        .replace("/", "~1"), found);
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int i = 0; i < committed.size(); i++) {
                differences(committed.get(i), served.get(i), at + "/" + i, found);
            }
        } else {
            found.add((at.isEmpty() ? "/" : at) + ": " + abbreviate(committed) + " vs " + abbreviate(served));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.isMissingNode() ? "(absent)" : node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
