package org.coalitionledger.audit.bundle;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.coalitionledger.api.KnownEventTypes;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.upcast.LedgerUpcasters;
import org.coalitionledger.api.view.LedgerEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;

/**
 * Reads stored event payloads the way the application wrote them: Axon's jackson3 serializer with the settings of
 * the application's stored-format customizer (enums by name, exact decimals, only Axon's own polymorphic types).
 * The offline verifier needs this to turn bundled events back into the facts the year-over-year fold is made of.
 */
public final class StoredFormat {

    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(StoredFormat::configure)
            .build();

    private static final LedgerUpcasters UPCASTERS = new LedgerUpcasters();

    private StoredFormat() {
    }

    /** The stored-format settings; the same as the application's {@code AxonSerializerConfig.storedFormat}. */
    public static void configure(JsonMapper.Builder builder) {
        builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .build())
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING);
    }

    /**
     * The event's payload object. Only the ledger's own event types are read ({@link KnownEventTypes}); the type
     * name is checked as text first, so a row or bundle naming any other class never makes this load it.
     *
     * @throws IllegalArgumentException if the payload type is not a known event type (tampering), or the payload
     *                                  bytes cannot be read as their stored type
     */
    public static Object payload(StoredEvent event) {
        String where = "event " + event.eventId() + " (global index " + event.globalIndex() + ")";
        String refusal = KnownEventTypes.storedRefusal(where, event.payloadType(), event.payloadRevision());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        try {
            // An older revision is brought to the current one by the server's own upcasters; the bytes (and so the
            // leaf) stay as stored.
            IntermediateEventRepresentation current = UPCASTERS.upcast(Stream.of(new InitialEventRepresentation(
                    new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateId(), event.sequenceNumber(),
                            event.eventId(), event.timestamp(), event.payloadType(), event.payloadRevision(),
                            event.payload(), event.metadata()), SERIALIZER))).findFirst().orElseThrow();
            String stillRefused = KnownEventTypes.refusal(where, current.getType().getName(),
                    current.getType().getRevision());
            if (stillRefused != null) {
                throw new IllegalArgumentException(stillRefused);
            }
            return SERIALIZER.deserialize(current.getData());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("payload of event " + event.eventId() + " (global index "
                    + event.globalIndex() + ") cannot be read as " + event.payloadType() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code actor} metadata value, or null when the metadata names none. */
    public static String actor(StoredEvent event) {
        byte[] metadata = event.metadata();
        if (metadata.length == 0) {
            return null;
        }
        try {
            JsonNode actor = AuditJson.mapper().readTree(metadata).get(LedgerMetadata.ACTOR);
            return actor != null && actor.isString() ? actor.stringValue() : null;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("metadata of event " + event.eventId() + " (global index "
                    + event.globalIndex() + ") is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The event as the year-over-year fold takes it: payload, record time, actor and id. */
    public static LedgerEntry ledgerEntry(StoredEvent event) {
        Instant recordedAt;
        try {
            recordedAt = Instant.parse(event.timestamp());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp of event " + event.eventId() + " is not an ISO-8601 "
                    + "instant: '" + event.timestamp() + "'", e);
        }
        return new LedgerEntry(payload(event), recordedAt, actor(event), event.eventId());
    }
}
