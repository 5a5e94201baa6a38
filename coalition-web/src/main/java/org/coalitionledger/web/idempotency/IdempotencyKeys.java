package org.coalitionledger.web.idempotency;

import org.coalitionledger.web.limits.Uninterrupted;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes each write with an {@code Idempotency-Key} run at most once per person and key.
 * <p>
 * Before the write runs, the key is reserved by inserting its row (status {@code IN_FLIGHT}); the primary key
 * (person, key) makes that atomic on every node, so of two requests with one key only one ever reaches the ledger.
 * The other is answered without writing anything: {@code 409 IDEMPOTENCY_KEY_IN_FLIGHT} while the first runs;
 * afterwards the stored response (as 200) if it is the same request, or {@code 422 IDEMPOTENCY_KEY_REUSED} if it is
 * another. A write that fails releases its reservation, so a corrected retry with the same key can run; a key is
 * forgotten after {@link IdempotencyProperties#ttl()}.
 */
@Component
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyKeys {

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String COMPLETED = "COMPLETED";

    /** A response as stored: where it points and its JSON body. */
    public record Stored(String location, String body) {
    }

    /** A response, and whether it is a replay of a stored one. */
    public record Outcome(Stored stored, boolean replayed) {
    }

    private record Row(String requestHash, String status, String location, String body, Timestamp createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;

    public IdempotencyKeys(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** SHA-256 of what identifies a request: method, path and body. */
    public static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Runs {@code write} only if this request reserves the key. Emits the fresh response, or the stored response of
     * an earlier completed use with the same hash (marked replayed); errors with 409 while another request holds
     * the key and 422 when the key was used for another request.
     */
    public Mono<Outcome> once(String principal, String key, String requestHash, Supplier<Mono<Stored>> write) {
        return blocking(() -> reserve(principal, key, requestHash))
                .flatMap(earlier -> earlier.map(stored -> Mono.just(new Outcome(stored, true)))
                        .orElseGet(() -> write.get()
                                .switchIfEmpty(Mono.error(new IllegalStateException("a write answered nothing")))
                                .flatMap(fresh -> blocking(() -> complete(principal, key, fresh)))
                                .onErrorResume(failure -> blocking(() -> release(principal, key))
                                        .then(Mono.error(failure)))
                                .doOnCancel(() -> Uninterrupted.SCHEDULER.schedule(() -> release(principal, key)))));
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Uninterrupted.SCHEDULER);
    }

    /** Reserves the key (empty), or returns the stored response of its completed earlier use. */
    private Optional<Stored> reserve(String principal, String key, String requestHash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Instant.now();
            try {
                jdbc.update("insert into idempotency_key (principal, idem_key, request_hash, status, created_at) "
                        + "values (?, ?, ?, ?, ?)", principal, key, requestHash, IN_FLIGHT, Timestamp.from(now));
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                Optional<Row> row = find(principal, key);
                if (row.isEmpty()) {
                    continue; // released in the meantime: try again
                }
                Row held = row.get();
                Instant created = held.createdAt().toInstant();
                boolean expired = created.plus(properties.ttl()).isBefore(now);
                boolean abandoned = IN_FLIGHT.equals(held.status())
                        && created.plus(properties.inFlightTimeout()).isBefore(now);
                if (expired || abandoned) {
                    // Only the row we looked at is removed: a concurrent taker's fresh reservation stays.
                    jdbc.update("delete from idempotency_key where principal = ? and idem_key = ? and created_at = ?",
                            principal, key, held.createdAt());
                    continue;
                }
                if (IN_FLIGHT.equals(held.status())) {
                    throw inFlight();
                }
                if (!held.requestHash().equals(requestHash)) {
                    throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT,
                            WebErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "this Idempotency-Key was already used for a different request; use a new key");
                }
                return Optional.of(new Stored(held.location(), held.body()));
            }
        }
        throw inFlight();
    }

    private static ApiProblemException inFlight() {
        return new ApiProblemException(HttpStatus.CONFLICT, WebErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                "a request with this Idempotency-Key is still being processed; nothing was recorded for this one. "
                        + "Retry with the same key once it has finished to get its answer");
    }

    private Optional<Row> find(String principal, String key) {
        List<Row> rows = jdbc.query("select request_hash, status, location, body, created_at from idempotency_key "
                        + "where principal = ? and idem_key = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5)), principal, key);
        return rows.stream().findFirst();
    }

    private Outcome complete(String principal, String key, Stored fresh) {
        jdbc.update("update idempotency_key set status = ?, location = ?, body = ? "
                        + "where principal = ? and idem_key = ? and status = ?",
                COMPLETED, fresh.location(), fresh.body(), principal, key, IN_FLIGHT);
        return new Outcome(fresh, false);
    }

    /** Frees the key after a failed write, so a corrected retry with the same key can run. */
    private Object release(String principal, String key) {
        jdbc.update("delete from idempotency_key where principal = ? and idem_key = ? and status = ?",
                principal, key, IN_FLIGHT);
        return Boolean.TRUE;
    }
}
