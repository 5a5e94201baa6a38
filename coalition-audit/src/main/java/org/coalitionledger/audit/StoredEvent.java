package org.coalitionledger.audit;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event exactly as the event store holds it, the input to {@link LeafEncoding}.
 *
 * @param globalIndex     the store's global sequence (its position in the log); not part of the leaf
 * @param eventId         the event's unique identifier
 * @param aggregateType   the aggregate's type name, or null for an event no aggregate applied (the store leaves
 *                        the column empty then)
 * @param aggregateId     the aggregate's identifier
 * @param sequenceNumber  the event's sequence number within its aggregate
 * @param payloadType     the serialised payload's type name
 * @param payloadRevision the payload's revision, or null when the store has none
 * @param timestamp       the ISO-8601 instant text exactly as stored (not re-parsed, so it round-trips)
 * @param payload         the serialised payload bytes
 * @param metadata        the serialised metadata bytes
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
        long sequenceNumber, String payloadType, String payloadRevision, String timestamp, byte[] payload,
        byte[] metadata) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(timestamp, "timestamp");
        payload = Objects.requireNonNull(payload, "payload").clone();
        metadata = Objects.requireNonNull(metadata, "metadata").clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    // Records compare arrays by reference; an event is its content, so compare the bytes.
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvent that
                && globalIndex == that.globalIndex
                && sequenceNumber == that.sequenceNumber
                && eventId.equals(that.eventId)
                && Objects.equals(aggregateType, that.aggregateType)
                && aggregateId.equals(that.aggregateId)
                && payloadType.equals(that.payloadType)
                && Objects.equals(payloadRevision, that.payloadRevision)
                && timestamp.equals(that.timestamp)
                && Arrays.equals(payload, that.payload)
                && Arrays.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(globalIndex, eventId, aggregateType, aggregateId, sequenceNumber, payloadType,
                payloadRevision, timestamp);
        result = 31 * result + Arrays.hashCode(payload);
        return 31 * result + Arrays.hashCode(metadata);
    }

    @Override
    public String toString() {
        return "StoredEvent[globalIndex=" + globalIndex + ", eventId=" + eventId + ", aggregateType="
                + aggregateType + ", aggregateId=" + aggregateId + ", sequenceNumber=" + sequenceNumber
                + ", payloadType=" + payloadType + ", payloadRevision=" + payloadRevision + ", timestamp="
                + timestamp + ", payload=" + payload.length + " bytes, metadata=" + metadata.length + " bytes]";
    }
}
