package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What a write did: the events it recorded, or none for an idempotent repeat. */
@Schema(description = "The result of a write: the ids of the events it recorded (empty for an idempotent repeat).")
public record WriteReceipt(
        @Schema(description = "true when this request recorded events (201), false for a repeat that changed nothing (200)")
        boolean recorded,
        @Schema(description = "ids of the events recorded by this request, in order")
        List<String> eventIds,
        @Schema(description = "the request id, also stored as requestId metadata on each event")
        String requestId,
        @Schema(description = "where to read the resource the write concerns")
        String location,
        @Schema(description = "the written record's version after the write (also its ETag); give it as If-Match "
                + "when correcting the record. Absent for coalition writes.")
        Long version) {
    public WriteReceipt {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }
}
