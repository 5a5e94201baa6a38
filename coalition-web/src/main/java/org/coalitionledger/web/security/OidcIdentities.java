package org.coalitionledger.web.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns a JWT that Spring Security's decoder has verified (signature, issuer, expiry) into an {@link Identity}: the
 * person from the subject claim, the role from the configured role claim. A token naming no role, an unknown role or
 * several roles gets no role, so it may use only the public routes (403 elsewhere).
 */
@Component
public class OidcIdentities {

    private final IdentityProperties.Oidc settings;

    public OidcIdentities(IdentityProperties properties) {
        this.settings = properties.oidc();
    }

    public Optional<Identity> of(Jwt jwt) {
        String subject = jwt.getClaimAsString(settings.subjectClaim());
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        String credential = "jwt:" + (jwt.getId() != null ? jwt.getId() : String.valueOf(jwt.getIssuer()));
        return Optional.of(new Identity(subject, role(jwt.getClaims().get(settings.roleClaim())), credential,
                Identity.AuthMethod.OIDC));
    }

    private static Role role(Object claim) {
        List<?> values = claim instanceof Collection<?> many ? List.copyOf(many) : claim == null ? List.of()
                : List.of(claim);
        if (values.size() != 1 || !(values.get(0) instanceof String name)) {
            return null;
        }
        return Role.named(name).orElse(null);
    }
}
