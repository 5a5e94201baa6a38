package org.coalitionledger.web.api;

import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.request.RequestIds;
import org.coalitionledger.web.security.Identity;
import org.coalitionledger.web.security.SecurityConfig;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

import java.util.regex.Pattern;

/**
 * Who is writing and through which request: the metadata every recorded event carries (the person, their role, the
 * credential they presented and how it was checked, the server's request id, and the client's own request reference
 * and Idempotency-Key when given).
 */
public record Caller(String actor, String role, String credentialId, String authMethod, String requestId,
                     String clientRequestId, String idempotencyKey) {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public static Caller of(Authentication authentication, ServerWebExchange exchange) {
        if (!(authentication instanceof SecurityConfig.TokenAuthentication token) || token.role() == null) {
            // Unreachable through the security chain: every write route requires an authenticated role.
            throw new ApiProblemException(HttpStatus.FORBIDDEN, WebErrorCode.FORBIDDEN, "no role to act in");
        }
        Identity identity = token.identity();
        String key = exchange.getRequest().getHeaders().getFirst(IDEMPOTENCY_HEADER);
        if (key != null && !KEY.matcher(key).matches()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.MALFORMED_REQUEST,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return new Caller(identity.subject(), identity.role().name(), identity.credentialId(),
                identity.method().metadataValue(), RequestIds.of(exchange), RequestIds.clientReference(exchange), key);
    }

    public MetaData metaData(String requestId) {
        MetaData metaData = MetaData.with(LedgerMetadata.ACTOR, actor)
                .and(LedgerMetadata.ACTOR_ROLE, role)
                .and(LedgerMetadata.CREDENTIAL_ID, credentialId)
                .and(LedgerMetadata.AUTH_METHOD, authMethod)
                .and(LedgerMetadata.REQUEST_ID, requestId);
        if (clientRequestId != null) {
            metaData = metaData.and(LedgerMetadata.CLIENT_REQUEST_ID, clientRequestId);
        }
        return idempotencyKey == null ? metaData : metaData.and(LedgerMetadata.IDEMPOTENCY_KEY, idempotencyKey);
    }
}
