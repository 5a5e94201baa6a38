package org.coalitionledger.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.coalitionledger.web.security.Access;
import org.coalitionledger.web.security.ApiRoutes;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenAPI document: bearer security, the role each operation needs (from the same route table the security
 * uses, as {@code x-roles} and in the description) and the problem responses each can give.
 */
@Configuration
public class OpenApiConfig {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI coalitionLedgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Coalition Ledger API").version("v1")
                        .description("A verifiable, event-sourced governance ledger of the Coalition to End Wildlife "
                                + "Trafficking Online. Errors are RFC 9457 problems with a stable type and a code.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/").description("this server")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("One token per role: ADMIN, PARTNER, AUDITOR"))
                );
    }

    @Bean
    OpenApiCustomizer rolesAndProblems() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            // Added here rather than on the bean: springdoc drops component schemas nothing referenced yet.
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, HttpMethod.valueOf(method.name()), operation)));
        };
    }

    private static void describe(String path, HttpMethod method, Operation operation) {
        String concrete = path.replaceAll("\\{[^}]+}", "x");
        Access access = ApiRoutes.ruleFor(method, concrete).map(ApiRoutes.Rule::access).orElse(null);
        if (operation.getSummary() == null && operation.getOperationId() != null) {
            // Linters require a summary; an operation without one is named after its id ("latestCheckpointNote" ->
            // "Latest checkpoint note").
            String words = operation.getOperationId().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
            operation.setSummary(Character.toUpperCase(words.charAt(0)) + words.substring(1));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (access == null || access == Access.PUBLIC) {
            operation.setSecurity(List.of());
        } else {
            String roles = access.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            operation.addExtension("x-roles", access.roles().stream().map(Enum::name).sorted().toList());
            String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
            operation.setDescription(description + "Roles: " + roles + ".");
            problem(responses, "401", "no bearer credential, or an unknown, revoked or expired one");
            problem(responses, "403", "the credential's role may not use this endpoint");
        }
        problem(responses, "400", "malformed or invalid request (code and, for validation, errors)");
        problem(responses, "500", "unexpected fault (generic detail, quote the reference)");
        problem(responses, "503", "the ledger did not answer in time");
        if (path.contains("{")) {
            problem(responses, "404", "no such coalition, record or API key");
        }
        if (method == HttpMethod.POST) {
            problem(responses, "409", "rule violation, concurrent write, or a request with the same "
                    + "Idempotency-Key still in flight (code says which)");
            problem(responses, "413", "request body too large");
            problem(responses, "415", "unsupported content type");
            problem(responses, "422", "Idempotency-Key reused for a different request");
        }
        if (method == HttpMethod.GET) {
            problem(responses, "406", "none of the accepted media types can be produced");
        }
        operation.setResponses(responses);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                            + PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("stable problem type URI"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("what was wrong, for a human"));
        properties.put("instance", new StringSchema().format("uri-reference"));
        properties.put("code", new StringSchema().description("stable error code, e.g. MEMBER_ALREADY_JOINED"));
        properties.put("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
                .addProperty("field", new StringSchema()).addProperty("message", new StringSchema()))
                .description("invalid fields (validation problems only)"));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties);
    }

}
