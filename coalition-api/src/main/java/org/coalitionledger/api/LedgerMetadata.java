package org.coalitionledger.api;

/**
 * Metadata keys every recorded event carries. Who recorded a fact is metadata, not payload: the payload is the
 * business fact, the metadata says who asserted it and through which request.
 */
public final class LedgerMetadata {

    /** Authenticated principal that issued the command. Required on every command. */
    public static final String ACTOR = "actor";
    /** Role the principal acted in (ADMIN, or SYSTEM for the built-in first-year load). Required. */
    public static final String ACTOR_ROLE = "actorRole";
    /**
     * The credential the principal presented: {@code bootstrap:<ROLE>}, a named API key's id, or {@code jwt:<jti>}
     * for an OpenID Connect token. Never a secret. Absent on events recorded before people had credentials.
     */
    public static final String CREDENTIAL_ID = "credentialId";
    /** How the principal authenticated: {@code bootstrap-token}, {@code api-key} or {@code oidc}. */
    public static final String AUTH_METHOD = "authMethod";
    /** Request id, made by the server, of the HTTP request (or import line) that carried the command. */
    public static final String REQUEST_ID = "requestId";
    /** The client's own reference for the request (its valid {@code X-Request-Id}), when it gave one. */
    public static final String CLIENT_REQUEST_ID = "clientRequestId";
    /** The client's Idempotency-Key, when one was given. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private LedgerMetadata() {
    }
}
