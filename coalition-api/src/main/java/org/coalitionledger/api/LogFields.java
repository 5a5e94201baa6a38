package org.coalitionledger.api;

/**
 * Names of the request fields every log line written while serving a request carries (SLF4J MDC keys, which Spring
 * Boot's structured logging writes as JSON fields). The web edge and the command side both set them, so one request
 * can be followed through both by its id. Never a secret: no token, key secret or body.
 */
public final class LogFields {

    /** The server's id of the HTTP request (the {@code requestId} metadata of the events it records). */
    public static final String REQUEST_ID = "requestId";
    /** The client's own valid {@code X-Request-Id}, when it sent one. */
    public static final String CLIENT_REQUEST_ID = "clientRequestId";
    /** The authenticated person (the events' {@code actor}); absent for an anonymous request. */
    public static final String PERSON = "person";
    /** The role the person acts in (the events' {@code actorRole}). */
    public static final String ROLE = "role";
    /** Which credential the person presented (the events' {@code credentialId}): an id, never the secret. */
    public static final String CREDENTIAL_ID = "credentialId";

    private LogFields() {
    }
}
