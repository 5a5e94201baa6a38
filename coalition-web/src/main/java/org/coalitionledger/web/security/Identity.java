package org.coalitionledger.web.security;

/**
 * Who a request comes from: a person (or a bootstrap role account), the one role their credential carries, which
 * credential it was and how it was checked. All four become the metadata of every event the request records.
 *
 * @param subject      the person: an API key's subject, an OIDC token's subject claim, or the bootstrap role name
 * @param role         the credential's role; null when an OIDC token names no single known role (then every
 *                     route but the public ones is forbidden)
 * @param credentialId which credential: {@code bootstrap:<ROLE>}, the API key's id, or {@code jwt:<jti>}
 * @param method       how the credential was checked
 */
public record Identity(String subject, Role role, String credentialId, AuthMethod method) {

    /** How a caller authenticated; stored as {@link #metadataValue()} in the {@code authMethod} metadata. */
    public enum AuthMethod {
        BOOTSTRAP_TOKEN("bootstrap-token"),
        API_KEY("api-key"),
        OIDC("oidc");

        private final String metadataValue;

        AuthMethod(String metadataValue) {
            this.metadataValue = metadataValue;
        }

        public String metadataValue() {
            return metadataValue;
        }
    }
}
