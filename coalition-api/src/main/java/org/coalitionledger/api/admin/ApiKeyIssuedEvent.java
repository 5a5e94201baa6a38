package org.coalitionledger.api.admin;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An administrator issued a named API key to a person. The secret is never part of the fact (nor its hash): only
 * the key's id, whose key it is, its role and when it stops working. Stream {@code admin:api-key:<keyId>}.
 *
 * @param keyId     the key's public id (also the prefix of the token the person presents)
 * @param subject   the person the key belongs to; becomes the {@code actor} of every event the key records
 * @param name      the person's display name, or null
 * @param role      the role the key acts in (ADMIN, PARTNER, AUDITOR or MONITOR)
 * @param expiresAt the instant from which the key is refused
 */
@Revision("1")
public record ApiKeyIssuedEvent(String keyId, String subject, String name, String role, Instant expiresAt) {
}
