package org.coalitionledger.web.api;

import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.springframework.http.HttpStatus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record's version as HTTP sees it: the strong ETag {@code "<n>"}, where n is the sequence number of the record's
 * latest event (0 for the recording). A correction names the version it was decided on in {@code If-Match}.
 */
final class RecordVersions {

    private static final Pattern ETAG = Pattern.compile("\"(0|[1-9][0-9]{0,17})\"");

    private RecordVersions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names, or null without one; a header that names no single version of
     * ours (a list, a weak or malformed tag, or {@code *}) is refused, since a guard that cannot be checked must not
     * be silently dropped.
     */
    static Long ifMatch(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = ETAG.matcher(header.strip());
        if (!m.matches()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                    "If-Match must be one record version as its ETag gives it, e.g. \"3\"; got " + header);
        }
        return Long.parseLong(m.group(1));
    }
}
