package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** One stored event with who/when metadata, as an auditor reads it. */
@Schema(description = "One event as recorded: identity, stream position, record time, who recorded it, the fact.")
public record EventView(
        @Schema(description = "position in the whole store (global index); null when read from a record's stream")
        Long globalIndex,
        String eventId,
        @Schema(description = "the stream: the coalition id, record:<coalitionId>:<recordId>, or record:<recordId> "
                + "for a record recorded before record ids were scoped to their coalition")
        String aggregateId,
        long sequenceNumber,
        @Schema(description = "the event's type (Java class name, stable: events never move)")
        String type,
        @Schema(description = "record time: when the ledger stored the event")
        Instant recordedAt,
        @Schema(description = "who recorded it: the person (or, before named credentials, the role account)")
        String actor,
        String actorRole,
        @Schema(description = "the credential presented: bootstrap:<ROLE>, an API key id, or jwt:<jti>; null on "
                + "events recorded before credentials were named")
        String credentialId,
        @Schema(description = "how the actor authenticated: bootstrap-token, api-key or oidc; null on older events")
        String authMethod,
        @Schema(description = "the request id the server gave the request that recorded the event")
        String requestId,
        @Schema(description = "the client's own reference for that request (its X-Request-Id), if it gave one")
        String clientRequestId,
        String idempotencyKey,
        Map<String, Object> metadata,
        @Schema(description = "the business fact")
        Object payload) {
}
