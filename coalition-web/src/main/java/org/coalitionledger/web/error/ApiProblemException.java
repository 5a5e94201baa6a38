package org.coalitionledger.web.error;

import org.springframework.http.HttpStatus;

/** A problem the web edge detects itself (e.g. an oversize import, a reused idempotency key). */
public class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final WebErrorCode code;

    public ApiProblemException(HttpStatus status, WebErrorCode code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public WebErrorCode code() {
        return code;
    }
}
