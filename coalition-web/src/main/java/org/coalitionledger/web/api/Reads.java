package org.coalitionledger.web.api;

import org.coalitionledger.web.limits.Uninterrupted;
import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.validation.Checks;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.log.CheckpointService;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.limits.BlockingWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Typed queries through the query gateway: lazily dispatched, bounded in time, null answered as 404. */
@Component
class Reads {

    /** The response header naming the signed checkpoint (tree size) a view as of a checkpoint follows from. */
    static final String CHECKPOINT_HEADER = "Ledger-Checkpoint";

    private final QueryGateway queryGateway;
    private final CheckpointService checkpoints;
    private final BlockingWork work;
    private final Duration timeout;

    Reads(QueryGateway queryGateway, CheckpointService checkpoints, BlockingWork work,
            @Value("${coalition.web.query-timeout:PT30S}") Duration timeout) {
        this.queryGateway = queryGateway;
        this.checkpoints = checkpoints;
        this.work = work;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * The query's answer (empty for null). The query bus runs the handler on the calling thread, so the call is made
     * on a worker, where cancelling the request stops the handler's log reads.
     */
    <R> Mono<R> query(Object query, Class<R> type) {
        return work.call(() -> queryGateway.query(query, type).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A coalition's view; a coalition the ledger does not hold is 404 COALITION_NOT_FOUND. */
    <R> Mono<R> coalitionView(String coalitionId, Object query, Class<R> type) {
        return Mono.defer(() -> {
            coalitionId(coalitionId);
            return query(query, type).switchIfEmpty(Mono.error(() -> notFound(coalitionId)));
        });
    }

    /**
     * A coalition's view, live, as recorded at an instant or as of a signed checkpoint (then a 404 unless a
     * checkpoint of that tree size was signed, and the response says which checkpoint it follows from).
     */
    <R> Mono<R> historicView(String coalitionId, Instant recordedAt, Long asOfCheckpoint, Object query,
            Class<R> type) {
        if (asOfCheckpoint == null) {
            return coalitionView(coalitionId, query, type);
        }
        return Mono.defer(() -> {
            if (recordedAt != null) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                        "ask for recordedAt or asOfCheckpoint, not both");
            }
            if (asOfCheckpoint < 0) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                        "asOfCheckpoint must be a tree size, 0 or more; got " + asOfCheckpoint);
            }
            return Mono.fromCallable(() -> checkpoints.checkpoint(asOfCheckpoint).isPresent())
                    .subscribeOn(Uninterrupted.SCHEDULER)
                    .flatMap(signed -> {
                        if (!signed) {
                            return Mono.error(new ApiProblemException(HttpStatus.NOT_FOUND,
                                    WebErrorCode.CHECKPOINT_NOT_FOUND,
                                    "no checkpoint of tree size " + asOfCheckpoint + " was signed"));
                        }
                        return coalitionView(coalitionId, query, type);
                    });
        });
    }

    static InvalidCommandException notFound(String coalitionId) {
        return new InvalidCommandException(CoalitionErrorCode.COALITION_NOT_FOUND, "no such coalition: " + coalitionId);
    }

    /** Ids in paths follow the command id rules, so a malformed one is 400 rather than a pointless lookup. */
    static String coalitionId(String id) {
        return Checks.id(id, "coalitionId");
    }

    static YearBasis basis(String basis) {
        if (basis == null || basis.equals("coalition-year")) {
            return YearBasis.COALITION_YEAR;
        }
        if (basis.equals("calendar-year")) {
            return YearBasis.CALENDAR_YEAR;
        }
        throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                "basis must be coalition-year or calendar-year");
    }
}
