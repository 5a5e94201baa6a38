package org.coalitionledger.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of who may call the API ({@code coalition.identity.*}). The OpenID Connect provider itself is Spring
 * Security's: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}); without either,
 * bearer JWTs are not accepted.
 *
 * @param oidc    how an OIDC token names its person and role
 * @param apiKeys limits of named API keys
 */
@ConfigurationProperties("coalition.identity")
public record IdentityProperties(Oidc oidc, ApiKeys apiKeys) {

    public IdentityProperties {
        oidc = oidc == null ? new Oidc(null, null) : oidc;
        apiKeys = apiKeys == null ? new ApiKeys(null) : apiKeys;
    }

    /**
     * @param subjectClaim the claim naming the person (default {@code sub})
     * @param roleClaim    the claim holding the role: one of admin, partner, auditor, monitor, as a string or a
     *                     one-element list (default {@code coalition_role})
     */
    public record Oidc(String subjectClaim, String roleClaim) {
        public Oidc {
            subjectClaim = subjectClaim == null || subjectClaim.isBlank() ? "sub" : subjectClaim;
            roleClaim = roleClaim == null || roleClaim.isBlank() ? "coalition_role" : roleClaim;
        }
    }

    /** @param maxLifetime the longest an issued key may stay valid (default 366 days) */
    public record ApiKeys(Duration maxLifetime) {
        public ApiKeys {
            maxLifetime = maxLifetime == null ? Duration.ofDays(366) : maxLifetime;
        }
    }
}
