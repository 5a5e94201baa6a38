package org.coalitionledger.web.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.coalitionledger.web.config.WebJsonConfig;
import org.coalitionledger.web.request.RequestLog;
import tools.jackson.core.exc.StreamConstraintsException;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures become RFC 9457 problems. Spring's base class covers bad JSON, 405, 406, 415 and
 * binding errors; this class adds the ledger's codes, a stable {@code type} and {@code code} on every problem,
 * and a generic 500 that never shows an exception message.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final DisconnectedClientHelper DISCONNECTS =
            new DisconnectedClientHelper(ProblemDetailsAdvice.class.getName());

    /** Rejections, unknown resources, conflicts, timeouts; anything else is a fault and answers a generic 500. */
    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> handleLedgerFailure(Exception failure, ServerWebExchange exchange) {
        Throwable cause = Problems.unwrap(failure);
        // Security failures thrown inside a handler (e.g. @PreAuthorize) keep their meaning; a catch-all must
        // not turn them into a 500.
        if (cause instanceof AccessDeniedException) {
            return respond(exchange, Problems.of(HttpStatus.FORBIDDEN, WebErrorCode.FORBIDDEN,
                    "your role may not use this endpoint"));
        }
        if (cause instanceof AuthenticationException) {
            return respond(exchange, Problems.of(HttpStatus.UNAUTHORIZED, WebErrorCode.UNAUTHENTICATED,
                    "a valid bearer token is required"));
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            // The client closed the connection mid-answer (a timeout on its side, say): nothing more can be sent,
            // and it is no fault of the server, so no 500 and no error in the log (one line at debug).
            DISCONNECTS.checkAndLogClientDisconnectedException(failure);
            return Mono.empty();
        }
        var mapped = Problems.ofLedgerFailure(cause);
        if (mapped.isPresent()) {
            return respond(exchange, mapped.get());
        }
        if (cause != failure && cause instanceof Exception unwrapped
                && unwrapped instanceof org.springframework.web.ErrorResponse) {
            // A Spring web exception that arrived wrapped (e.g. in a CompletionException): let the base class map it.
            return handleException(unwrapped, exchange);
        }
        // Logged with the request's fields, wherever the failure arrived.
        return respond(exchange, RequestLog.of(exchange).supply(() -> Problems.internal(failure)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : ex.getFieldErrors()) {
            errors.add(Map.of("field", error.getField(),
                    "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()));
        }
        ex.getGlobalErrors().forEach(error -> errors.add(Map.of("field", error.getObjectName(),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage())));
        // Only absent values: the same code an import line gets from the command's own check, whichever way the
        // fact arrives.
        boolean onlyMissing = ex.getGlobalErrors().isEmpty() && !ex.getFieldErrors().isEmpty()
                && ex.getFieldErrors().stream().allMatch(ProblemDetailsAdvice::isMissing);
        ProblemDetail problem = onlyMissing
                ? Problems.ofCoalitionError(CoalitionErrorCode.MISSING_FIELD,
                        "the request lacks " + errors.size() + " required field(s); see errors")
                : Problems.of(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                        "the request has " + errors.size() + " invalid field(s); see errors");
        problem.setProperty(Problems.ERRORS, errors);
        return respond(exchange, problem);
    }

    private static boolean isMissing(FieldError error) {
        return error.getRejectedValue() == null && error.getCode() != null
                && java.util.Set.of("NotNull", "NotBlank", "NotEmpty").contains(error.getCode());
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                "the request has " + errors.size() + " invalid parameter(s); see errors");
        problem.setProperty(Problems.ERRORS, errors);
        return respond(exchange, problem);
    }

    /**
     * Unreadable input. A command record refusing its own shape while being read (e.g. a nested goal) keeps its
     * ledger code; an oversize body is 413; otherwise 400 with Spring's description of what could not be read.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            var mapped = Problems.ofLedgerFailure(cause);
            if (mapped.isPresent()) {
                return respond(exchange, mapped.get());
            }
        }
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return respond(exchange,
                        Problems.of(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST, describe(json)));
            }
        }
        return super.handleServerWebInputException(ex, headers, status, exchange);
    }

    /** What was wrong with a JSON body, in the client's terms: which field, and why. Never a class name. */
    static String describe(JacksonException json) {
        String field = json.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + field + "': the request was not recorded (a misspelt field would otherwise"
                    + " be read as missing); known fields: " + unknown.getKnownPropertyIds();
        }
        if (json instanceof StreamConstraintsException) {
            return "the body exceeds a limit of the JSON it may hold (" + WebJsonConfig.describeLimits() + ")";
        }
        if (json instanceof StreamReadException) {
            var location = json.getLocation();
            return "the body is not valid JSON" + (location == null ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        }
        return field == null ? "the body could not be read as the expected JSON object"
                : "field '" + field + "' has a value of the wrong type or format";
    }

    /**
     * Gives every problem Spring builds (405, 406, 415, 404, ResponseStatusException...) a stable type and code, and
     * the problem+json content type whatever the request accepted.
     */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, status);
            record(exchange, problem);
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(headers);
            problemHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, status, exchange);
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    /** The access line names the problem a request was answered with ({@link RequestLog}). */
    private static void record(ServerWebExchange exchange, ProblemDetail problem) {
        if (problem.getProperties() != null && problem.getProperties().get(Problems.CODE) instanceof String code) {
            RequestLog.of(exchange).problem(code);
        }
    }

    static void decorate(ProblemDetail problem, HttpStatusCode status) {
        WebErrorCode code = Problems.codeOf(status);
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(URI.create(code.problemType()));
        }
        if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
            problem.setProperty(Problems.CODE, code.name());
        }
        if (problem.getTitle() == null) {
            problem.setTitle(Problems.titleOf(status));
        }
        if (status.is5xxServerError() && status.value() != 503) {
            // Never echo an internal message, even one Spring put in a ResponseStatusException.
            problem.setDetail("an unexpected error occurred");
        }
    }

    private static Mono<ResponseEntity<Object>> respond(ServerWebExchange exchange, ProblemDetail problem) {
        record(exchange, problem);
        return Mono.just(ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }
}
