package org.coalitionledger.web.api;

import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The page size every listing takes, so that no answer grows with the ledger: {@value #DEFAULT_LIMIT} unless asked,
 * at most {@value #MAX_LIMIT}; anything else is refused with 400.
 */
final class Paging {

    static final int MAX_LIMIT = 1000;
    static final String DEFAULT_LIMIT = "100";
    static final String LIMIT_DESCRIPTION = "page size, 1 to " + MAX_LIMIT;

    private Paging() {
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED,
                    "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
