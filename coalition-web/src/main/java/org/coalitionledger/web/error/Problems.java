package org.coalitionledger.web.error;

import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.coalitionledger.api.error.CoalitionError;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one mapping from a failure of the ledger (command rejected, unknown resource, conflict, timeout, fault) to
 * an RFC 9457 problem. The controller advice and the bulk import (which reports a problem per line) both use it,
 * so a rejected line reads exactly like the same command rejected on its own.
 */
public final class Problems {

    public static final String CODE = "code";
    public static final String ERRORS = "errors";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** A problem of the ledger's own vocabulary: 404 for a missing coalition or record, 400 for a bad shape, else 409. */
    public static ProblemDetail ofCoalitionError(CoalitionErrorCode code, String detail) {
        return of(statusOf(code), code.problemType(), code.name(), detail);
    }

    public static ProblemDetail of(HttpStatusCode status, WebErrorCode code, String detail) {
        return of(status, code.problemType(), code.name(), detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(titleOf(status));
        problem.setProperty(CODE, code);
        return problem;
    }

    static HttpStatus statusOf(CoalitionErrorCode code) {
        return switch (code.category()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INPUT -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
    }

    /** A fixed title per status, so clients can show something stable; the detail says what was wrong. */
    static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error " + status.value() : known.getReasonPhrase();
    }

    /** The web code of a status that has no more specific code. */
    public static WebErrorCode codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> WebErrorCode.MALFORMED_REQUEST;
            case 401 -> WebErrorCode.UNAUTHENTICATED;
            case 403 -> WebErrorCode.FORBIDDEN;
            case 404 -> WebErrorCode.NOT_FOUND;
            case 405 -> WebErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> WebErrorCode.NOT_ACCEPTABLE;
            case 409 -> WebErrorCode.CONFLICT;
            case 413 -> WebErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> WebErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> WebErrorCode.TOO_MANY_REQUESTS;
            case 503, 504 -> WebErrorCode.TIMEOUT;
            default -> status.is5xxServerError() ? WebErrorCode.INTERNAL_ERROR : WebErrorCode.MALFORMED_REQUEST;
        };
    }

    /**
     * Maps a failure of the ledger, or empty when it is none of the ledger's known failures (the caller then
     * decides: the advice lets Spring's own handling run, then answers 500).
     */
    public static Optional<ProblemDetail> ofLedgerFailure(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof InvalidCommandException invalid) {
            return Optional.of(ofCoalitionError(invalid.code(), invalid.getMessage()));
        }
        if (e instanceof ApiProblemException api) {
            return Optional.of(of(api.status(), api.code(), api.getMessage()));
        }
        if (e instanceof HandlerExecutionException handlerFailure) {
            Optional<Object> details = handlerFailure.getDetails();
            if (details.isPresent() && details.get() instanceof CoalitionError error) {
                return Optional.of(ofCoalitionError(error.code(), error.message()));
            }
            Throwable cause = handlerFailure.getCause();
            if (cause instanceof AggregateStreamCreationException || cause instanceof ConcurrencyException) {
                return Optional.of(concurrent());
            }
            return Optional.empty();
        }
        if (e instanceof AggregateStreamCreationException || e instanceof ConcurrencyException) {
            return Optional.of(concurrent());
        }
        if (e instanceof TimeoutException) {
            return Optional.of(of(HttpStatus.SERVICE_UNAVAILABLE, WebErrorCode.TIMEOUT,
                    "the ledger did not answer in time; the request may still complete, retry with the same "
                            + "Idempotency-Key or ids to be safe"));
        }
        if (e instanceof DataBufferLimitException) {
            return Optional.of(of(HttpStatus.CONTENT_TOO_LARGE, WebErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body is larger than this endpoint accepts"));
        }
        return Optional.empty();
    }

    /** The generic 500: the failure is logged with a reference, the client sees neither message nor trace. */
    public static ProblemDetail internal(Throwable failure) {
        String reference = java.util.UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, failure);
        ProblemDetail problem = of(HttpStatus.INTERNAL_SERVER_ERROR, WebErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote reference " + reference + " to the operators");
        problem.setProperty("reference", reference);
        return problem;
    }

    private static ProblemDetail concurrent() {
        return ofCoalitionError(CoalitionErrorCode.CONCURRENT_MODIFICATION,
                "another write to the same coalition or record happened at the same time; retry the request");
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; depth < 10; depth++) {
            Throwable next = reactor.core.Exceptions.unwrap(e);
            if ((next instanceof CompletionException || next instanceof ExecutionException) && next.getCause() != null) {
                next = next.getCause();
            }
            if (next == e) {
                return e;
            }
            e = next;
        }
        return e;
    }
}
