package org.coalitionledger.web.error;

import java.util.Locale;

/**
 * Codes of the problems the web edge reports itself (the ledger's own rule codes are
 * {@link org.coalitionledger.api.error.CoalitionErrorCode}). Never rename a constant: clients key on it.
 */
public enum WebErrorCode {
    VALIDATION_FAILED,
    MALFORMED_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    PAYLOAD_TOO_LARGE,
    IDEMPOTENCY_KEY_REUSED,
    INVALID_REQUEST_ID,
    IDEMPOTENCY_KEY_IN_FLIGHT,
    API_KEY_NOT_FOUND,
    CONFLICT,
    TIMEOUT,
    CHECKPOINT_NOT_FOUND,
    SIGNING_REFUSED,
    INTERNAL_ERROR,
    /** 429: this credential already runs as many expensive requests of the kind as it may. */
    TOO_MANY_REQUESTS,
    /** 503: the server already runs as many expensive requests of the kind as it takes on. */
    SERVER_BUSY,
    /** 503: an expensive read ran over its time budget and was stopped. */
    TIME_BUDGET_EXCEEDED,
    /**
     * 500: the log's stored leaf hashes no longer hash to the tree this node computed from them: the leaf table was
     * changed since, so no proof is given from it.
     */
    LOG_LEAVES_CHANGED;

    public String problemType() {
        return "urn:problem:coalition:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
