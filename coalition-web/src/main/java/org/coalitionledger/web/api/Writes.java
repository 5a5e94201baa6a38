package org.coalitionledger.web.api;

import org.coalitionledger.web.idempotency.IdempotencyKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The common shape of every write: build the command (its shape checks run here), honour the Idempotency-Key,
 * send, and answer 201 + Location with the recorded event ids, or 200 for a repeat.
 */
@Component
class Writes {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final LedgerWriter writer;
    private final IdempotencyKeys keys;
    private final ObjectMapper mapper;

    Writes(LedgerWriter writer, IdempotencyKeys keys, ObjectMapper mapper) {
        this.writer = writer;
        this.keys = keys;
        this.mapper = mapper;
    }

    Mono<ResponseEntity<WriteReceipt>> write(ServerWebExchange exchange, Authentication authentication,
                                            Object requestBody, Supplier<Object> command, String location) {
        return write(exchange, authentication, requestBody, command, location, false);
    }

    /** A write to one record: the receipt carries the record's version, and the answer its ETag. */
    Mono<ResponseEntity<WriteReceipt>> writeRecord(ServerWebExchange exchange, Authentication authentication,
                                                  Object requestBody, Supplier<Object> command, String location) {
        return write(exchange, authentication, requestBody, command, location, true)
                .map(response -> response.getBody() == null || response.getBody().version() == null ? response
                        : ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                        .eTag(RecordVersions.etag(response.getBody().version())).body(response.getBody()));
    }

    private Mono<ResponseEntity<WriteReceipt>> write(ServerWebExchange exchange, Authentication authentication,
                                                    Object requestBody, Supplier<Object> command, String location,
                                                    boolean record) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(authentication, exchange);
            Object built = command.get();
            Supplier<Mono<WriteReceipt>> send = () -> writer.send(built, caller, caller.requestId())
                    .map(sent -> new WriteReceipt(!sent.eventIds().isEmpty(), sent.eventIds(), caller.requestId(),
                            location, record ? sent.version() : null));
            return idempotent(exchange, caller, mapper.writeValueAsBytes(requestBody), WriteReceipt.class, send,
                    receipt -> receipt.recorded() ? HttpStatus.CREATED : HttpStatus.OK, location);
        });
    }

    /** Runs {@code action} once per Idempotency-Key (when given) and answers its result with the status it earns. */
    <T> Mono<ResponseEntity<T>> idempotent(ServerWebExchange exchange, Caller caller, byte[] requestBody,
                                          Class<T> type, Supplier<Mono<T>> action,
                                          Function<T, HttpStatus> status, String location) {
        if (caller.idempotencyKey() == null) {
            return action.get().map(result -> respond(status.apply(result), location, result, false));
        }
        String hash = IdempotencyKeys.hash(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(), requestBody);
        java.util.concurrent.atomic.AtomicReference<T> fresh = new java.util.concurrent.atomic.AtomicReference<>();
        return keys.once(caller.actor(), caller.idempotencyKey(), hash, () -> action.get().map(result -> {
                    fresh.set(result);
                    return new IdempotencyKeys.Stored(location, mapper.writeValueAsString(result));
                }))
                .map(outcome -> {
                    if (!outcome.replayed() && fresh.get() != null) {
                        return respond(status.apply(fresh.get()), location, fresh.get(), false);
                    }
                    T stored = mapper.readValue(outcome.stored().body(), type);
                    return respond(HttpStatus.OK, outcome.stored().location(), stored, true);
                });
    }

    private static <T> ResponseEntity<T> respond(HttpStatus status, String location, T body, boolean replayed) {
        var builder = ResponseEntity.status(status);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.body(body);
    }
}
