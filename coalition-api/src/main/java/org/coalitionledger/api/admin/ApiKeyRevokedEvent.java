package org.coalitionledger.api.admin;

import org.axonframework.serialization.Revision;

/** An administrator revoked an API key: it is refused from now on, on every node. */
@Revision("1")
public record ApiKeyRevokedEvent(String keyId, String reason) {
}
