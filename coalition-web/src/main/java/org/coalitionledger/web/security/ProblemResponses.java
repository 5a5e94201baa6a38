package org.coalitionledger.web.security;

import org.coalitionledger.web.error.Problems;
import org.coalitionledger.web.request.RequestLog;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem+json body from a web filter, where no controller advice reaches: authentication (401),
 * authorisation (403) and oversize bodies (413) are answered before any controller runs.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper mapper, ProblemDetail problem) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        if (problem.getProperties() != null && problem.getProperties().get(Problems.CODE) instanceof String code) {
            RequestLog.of(exchange).problem(code);
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", exchange.getRequest().getPath().value());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        DataBuffer buffer = response.bufferFactory().wrap(mapper.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }

    static ProblemDetail problem(HttpStatus status, org.coalitionledger.web.error.WebErrorCode code, String detail) {
        return Problems.of(status, code, detail);
    }
}
