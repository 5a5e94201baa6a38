package org.coalitionledger.web.idempotency;

import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
 * Remembers the response of each write made with an {@code Idempotency-Key} (per principal): the same key with the
 * same request answers the stored response again (as 200, nothing is sent to the ledger), the same key with a
 * different request is refused with 422. The ledger's commands are idempotent by their own ids anyway; the key adds
 * the original event ids to a retry's answer and catches a key reused for something else.
 */
@Component
public class IdempotencyKeys {

    /** A response as stored: where it points and its JSON body. */
    public record Stored(String location, String body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
     * Runs {@code write} unless this key was used before. Emits the stored response of an earlier use (with the
     * same hash), or the fresh one marked new; errors with 422 when the key was used for another request.
     */
    public Mono<Outcome> once(String principal, String key, String requestHash, Supplier<Mono<Stored>> write) {
        return Mono.fromCallable(() -> find(principal, key, requestHash))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.map(stored -> Mono.just(new Outcome(stored, true)))
                        .orElseGet(() -> write.get().flatMap(fresh -> Mono.fromCallable(
                                        () -> save(principal, key, requestHash, fresh))
                                .subscribeOn(Schedulers.boundedElastic()))));
    }

    /** A response, and whether it is a replay of a stored one. */
    public record Outcome(Stored stored, boolean replayed) {
    }

    private Optional<Stored> find(String principal, String key, String requestHash) {
        List<String[]> rows = jdbc.query(
                "select request_hash, location, body from idempotency_key where principal = ? and idem_key = ?",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, principal, key);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String[] row = rows.get(0);
        if (!row[0].equals(requestHash)) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, WebErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request; use a new key");
        }
        return Optional.of(new Stored(row[1], row[2]));
    }

    private Outcome save(String principal, String key, String requestHash, Stored fresh) {
        try {
            jdbc.update("insert into idempotency_key (principal, idem_key, request_hash, location, body, created_at) "
                            + "values (?, ?, ?, ?, ?, ?)", principal, key, requestHash, fresh.location(), fresh.body(),
                    Timestamp.from(Instant.now()));
            return new Outcome(fresh, false);
        } catch (DuplicateKeyException raced) {
            // A concurrent request with the same key stored its response first: answer as its repeat.
            return find(principal, key, requestHash).map(stored -> new Outcome(stored, true))
                    .orElseThrow(() -> raced);
        }
    }
}
