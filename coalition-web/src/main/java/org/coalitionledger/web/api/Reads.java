package org.coalitionledger.web.api;

import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.validation.Checks;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Typed queries through the query gateway: lazily dispatched, bounded in time, null answered as 404. */
@Component
class Reads {

    private final QueryGateway queryGateway;
    private final Duration timeout;

    Reads(QueryGateway queryGateway, @Value("${coalition.web.query-timeout:PT30S}") Duration timeout) {
        this.queryGateway = queryGateway;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    <R> Mono<R> query(Object query, Class<R> type) {
        return Mono.fromFuture(() -> queryGateway.query(query, type)).timeout(timeout);
    }

    /** A coalition's view; a coalition the ledger does not hold is 404 COALITION_NOT_FOUND. */
    <R> Mono<R> coalitionView(String coalitionId, Object query, Class<R> type) {
        return Mono.defer(() -> {
            coalitionId(coalitionId);
            return query(query, type).switchIfEmpty(Mono.error(() -> notFound(coalitionId)));
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
