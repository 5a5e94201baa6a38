package org.coalitionledger.web.security;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.admin.ApiKeyIssuedEvent;
import org.coalitionledger.api.admin.ApiKeyRevokedEvent;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named API keys: issued to a person with a role and an expiry, revoked by an administrator, checked on every
 * request.
 * <p>
 * The token a person presents is {@code clk_<keyId>_<secret>}; the secret is 256 random bits, shown once and kept
 * only as its SHA-256. A plain hash is enough (no slow password hash) because the secret is random, not chosen by a
 * person: guessing a preimage of 2^256 is out of reach however fast the hash, and a fast hash keeps a per-request
 * check cheap.
 * <p>
 * Issuing and revoking are ledger facts ({@link ApiKeyIssuedEvent}, {@link ApiKeyRevokedEvent} on stream
 * {@code admin:api-key:<keyId>}). The {@code api_key} row and the event commit in ONE database transaction, so an
 * acknowledged key or revocation is never lost and never exists without its fact; the table is not a projection,
 * so no replay can undo a revocation. Every request reads the row (no cache), so a revocation holds at once on
 * every node sharing the database. All methods block: callers run them off the event loop.
 */
@Component
public class ApiKeys {

    public static final String TOKEN_PREFIX = "clk_";
    static final String AGGREGATE_TYPE = "ApiKey";
    private static final Pattern TOKEN = Pattern.compile("clk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as the ledger keeps it (never its secret). */
    public record ApiKey(String keyId, String subject, String name, Role role, Instant issuedAt, String issuedBy,
                         Instant expiresAt, Instant revokedAt, String revokedBy, String revocationReason) {
    }

    /** A page of keys, newest first; {@code more} when keys follow its last. */
    public record Page(List<ApiKey> keys, boolean more) {
        public Page {
            keys = List.copyOf(keys);
        }
    }

    /** A freshly issued key: the token (shown this once) and the event that records the issue. */
    public record Issued(ApiKey key, String token, String eventId) {
    }

    /** A revocation: the key as it now stands and the recorded event's id (null for a repeat). */
    public record Revoked(ApiKey key, String eventId) {
    }

    private static final RowMapper<ApiKey> ROWS = (rs, n) -> new ApiKey(rs.getString("key_id"),
            rs.getString("subject"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
            instant(rs.getTimestamp("issued_at")), rs.getString("issued_by"), instant(rs.getTimestamp("expires_at")),
            instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"), rs.getString("revocation_reason"));
    private static final String COLUMNS = "key_id, subject, display_name, role, issued_at, issued_by, expires_at, "
            + "revoked_at, revoked_by, revocation_reason";

    private final JdbcTemplate jdbc;
    private final LongAdder rowsListed = new LongAdder();
    private final EventStore eventStore;
    private final TransactionTemplate transaction;

    public ApiKeys(JdbcTemplate jdbc, EventStore eventStore, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Whether a presented token has the shape of a named API key (else it is a bootstrap token or a JWT). */
    public static boolean looksLikeKey(String token) {
        return token.startsWith(TOKEN_PREFIX);
    }

    /** The identity of a presented key, if it exists, its secret matches, and it is neither revoked nor expired. */
    public Optional<Identity> authenticate(String token, Instant now) {
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return Optional.empty();
        }
        List<Credential> rows = jdbc.query("select subject, role, secret_hash, expires_at, revoked_at from api_key "
                        + "where key_id = ?",
                (rs, n) -> new Credential(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null), parts.group(1));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Credential stored = rows.get(0);
        boolean secretMatches = MessageDigest.isEqual(HexFormat.of().parseHex(stored.secretHash()),
                sha256(parts.group(2)));
        if (!secretMatches || stored.revoked() || !stored.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Identity(stored.subject(), stored.role(), parts.group(1), Identity.AuthMethod.API_KEY));
    }

    /** What a request's check needs of a key's row. */
    private record Credential(String subject, Role role, String secretHash, Instant expiresAt, boolean revoked) {
    }

    /** Issues a key; the row and the {@link ApiKeyIssuedEvent} (with the issuer's metadata) commit together. */
    public Issued issue(String subject, String name, Role role, Instant expiresAt, Instant now, MetaData issuer) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String issuedBy = String.valueOf(issuer.get(LedgerMetadata.ACTOR));
        var event = new GenericDomainEventMessage<>(AGGREGATE_TYPE, AdminStreams.apiKey(keyId), 0,
                new ApiKeyIssuedEvent(keyId, subject, name, role.name(), expiresAt), issuer);
        transaction.executeWithoutResult(status -> {
            jdbc.update("insert into api_key (key_id, subject, display_name, role, secret_hash, issued_at, issued_by, "
                            + "expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)", keyId, subject, name, role.name(),
                    HexFormat.of().formatHex(sha256(secretText)), Timestamp.from(now), issuedBy,
                    Timestamp.from(expiresAt));
            eventStore.publish(event);
        });
        ApiKey key = new ApiKey(keyId, subject, name, role, now, issuedBy, expiresAt, null, null, null);
        return new Issued(key, TOKEN_PREFIX + keyId + "_" + secretText, event.getIdentifier());
    }

    /**
     * Revokes a key; the row and the {@link ApiKeyRevokedEvent} commit together. The row is locked first, so of two
     * revocations at once one records the fact and the other is a repeat that records nothing.
     */
    public Revoked revoke(String keyId, String reason, Instant now, MetaData revoker) {
        String revokedBy = String.valueOf(revoker.get(LedgerMetadata.ACTOR));
        return transaction.execute(status -> {
            List<ApiKey> found = jdbc.query("select " + COLUMNS + " from api_key where key_id = ? for update", ROWS,
                    keyId);
            if (found.isEmpty()) {
                throw new ApiProblemException(HttpStatus.NOT_FOUND, WebErrorCode.API_KEY_NOT_FOUND,
                        "no such API key: " + keyId);
            }
            ApiKey key = found.get(0);
            if (key.revokedAt() != null) {
                return new Revoked(key, null);
            }
            jdbc.update("update api_key set revoked_at = ?, revoked_by = ?, revocation_reason = ? where key_id = ?",
                    Timestamp.from(now), revokedBy, reason, keyId);
            String stream = AdminStreams.apiKey(keyId);
            long next = eventStore.lastSequenceNumberFor(stream).orElse(-1L) + 1;
            var event = new GenericDomainEventMessage<>(AGGREGATE_TYPE, stream, next,
                    new ApiKeyRevokedEvent(keyId, reason), revoker);
            eventStore.publish(event);
            return new Revoked(new ApiKey(key.keyId(), key.subject(), key.name(), key.role(), key.issuedAt(),
                    key.issuedBy(), key.expiresAt(), now, revokedBy, reason), event.getIdentifier());
        });
    }

    /** One key (never its secret). */
    public Optional<ApiKey> find(String keyId) {
        return jdbc.query("select " + COLUMNS + " from api_key where key_id = ?", ROWS, keyId).stream().findFirst();
    }

    /**
     * A page of at most {@code limit} keys, newest first (no secrets): the newest, or those that follow the key
     * {@code after}; empty when no key has that id. The order is an index, so a page reads its own rows (and one
     * more, to tell whether keys follow), however many keys were issued.
     */
    public Optional<Page> page(String after, int limit) {
        List<ApiKey> keys;
        if (after == null) {
            keys = jdbc.query("select " + COLUMNS + " from api_key order by issued_at desc, key_id desc limit ?",
                    ROWS, limit + 1);
        } else {
            Optional<ApiKey> last = find(after);
            if (last.isEmpty()) {
                return Optional.empty();
            }
            keys = jdbc.query("select " + COLUMNS + " from api_key where (issued_at, key_id) < (?, ?) "
                    + "order by issued_at desc, key_id desc limit ?", ROWS, Timestamp.from(last.get().issuedAt()),
                    after, limit + 1);
        }
        rowsListed.add(keys.size());
        return Optional.of(new Page(keys.subList(0, Math.min(limit, keys.size())), keys.size() > limit));
    }

    /** How many key rows the pages have read (tests). */
    public long rowsListed() {
        return rowsListed.sum();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
