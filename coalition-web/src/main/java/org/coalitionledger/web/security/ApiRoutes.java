package org.coalitionledger.web.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;

/**
 * The route table: every path the application serves and who may call it. The security configuration is built
 * from this table and denies everything else; the authorisation-matrix test checks every handler the application
 * registers against it, so an endpoint added without a rule here is unreachable and fails that test.
 * First match wins.
 */
public final class ApiRoutes {

    /** One rule; {@code method} null means any method. */
    public record Rule(HttpMethod method, String pattern, Access access) {
        private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

        public PathPattern parsed() {
            return PARSER.parse(pattern);
        }

        public boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod)) && parsed().matches(PathContainer.parsePath(path));
        }
    }

    private static final String C = "/api/v1/coalitions";

    public static final List<Rule> RULES = List.of(
            // Public: health, the API description, the dashboard and its assets.
            new Rule(HttpMethod.GET, "/actuator/health", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/actuator/health/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs.yaml", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui.html", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/webjars/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/dashboard/**", Access.PUBLIC),
            // Operators.
            new Rule(HttpMethod.GET, "/actuator/info", Access.ADMIN),
            new Rule(HttpMethod.GET, "/actuator/metrics", Access.METRICS),
            new Rule(HttpMethod.GET, "/actuator/metrics/**", Access.METRICS),
            new Rule(HttpMethod.GET, "/actuator/prometheus", Access.METRICS),
            // Administrator writes.
            new Rule(HttpMethod.POST, C, Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/members", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/members/{memberId}/departure", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/members/{memberId}/corrections", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/goals", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/takedown-batches", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/arrests", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/confiscations", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/records/{recordId}/corrections", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/records/{recordId}/retraction", Access.ADMIN),
            new Rule(HttpMethod.POST, C + "/{id}/imports", Access.ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/admin/projections/rebuild", Access.ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/admin/views/rebuild", Access.ADMIN),
            // Named API keys: issued, listed and revoked by administrators.
            new Rule(HttpMethod.POST, "/api/v1/admin/api-keys", Access.ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/admin/api-keys", Access.ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/admin/api-keys/{keyId}", Access.ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/admin/api-keys/{keyId}/revocation", Access.ADMIN),
            // The views' dead-letter queue: listed, inspected, retried and evicted by administrators.
            new Rule(HttpMethod.GET, "/api/v1/admin/dead-letters", Access.ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/admin/dead-letters/{deadLetterId}", Access.ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/admin/dead-letters/{deadLetterId}/retry", Access.ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/admin/dead-letters/{deadLetterId}/eviction", Access.ADMIN),
            // The log's transparency surface is public: the latest checkpoint and the signing keys.
            new Rule(HttpMethod.GET, "/api/v1/audit/checkpoint", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/api/v1/audit/public-key", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/api/v1/audit/keys", Access.PUBLIC),
            // Signing on demand and rotating the key change the log's state: administrators only.
            new Rule(HttpMethod.POST, "/api/v1/audit/checkpoints", Access.ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/audit/key-rotations", Access.ADMIN),
            // Auditor: raw history with metadata, administrative acts, and the rest of the verifiable log (reads only).
            new Rule(HttpMethod.GET, C + "/{id}/events", Access.AUDITOR),
            new Rule(HttpMethod.GET, C + "/{id}/records/{recordId}/events", Access.AUDITOR),
            new Rule(HttpMethod.GET, "/api/v1/records/{recordId}/events", Access.AUDITOR),
            new Rule(HttpMethod.GET, "/api/v1/audit/**", Access.AUDITOR),
            new Rule(HttpMethod.GET, "/api/v1/admin/events", Access.AUDITOR),
            // Views: partners, auditors (who also ask "as recorded at"), administrators.
            new Rule(HttpMethod.GET, C, Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}", Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}/members", Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}/year-over-year", Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}/goals/progress", Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}/restatements", Access.READER),
            new Rule(HttpMethod.GET, C + "/{id}/updates", Access.READER));

    private ApiRoutes() {
    }

    /** The first rule for a request, or empty when the route is unknown (then it is denied). */
    public static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }
}
