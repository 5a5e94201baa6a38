package org.coalitionledger.audit.bundle;

import org.coalitionledger.audit.StoredEvent;

import java.util.Base64;

/**
 * One row of the event store in a bundle, every column as stored: strings as they are, payload and metadata as
 * standard base64 of the stored bytes.
 */
public record BundleEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
        long sequenceNumber, String payloadType, String payloadRevision, String timestamp, String payload,
        String metadata) {

    public static BundleEvent of(StoredEvent event) {
        return new BundleEvent(event.globalIndex(), event.eventId(), event.aggregateType(), event.aggregateId(),
                event.sequenceNumber(), event.payloadType(), event.payloadRevision(), event.timestamp(),
                Base64.getEncoder().encodeToString(event.payload()),
                Base64.getEncoder().encodeToString(event.metadata()));
    }

    /**
     * The stored event this row describes.
     *
     * @throws IllegalArgumentException if a required column is missing or payload/metadata is not base64
     */
    public StoredEvent toStoredEvent() {
        try {
            return new StoredEvent(globalIndex, eventId, aggregateType, aggregateId, sequenceNumber, payloadType,
                    payloadRevision, timestamp, Base64.getDecoder().decode(require(payload, "payload")),
                    Base64.getDecoder().decode(require(metadata, "metadata")));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bundled event at global index " + globalIndex + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    private static String require(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
