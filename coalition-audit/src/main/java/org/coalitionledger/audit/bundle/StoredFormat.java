package org.coalitionledger.audit.bundle;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.api.KnownEventTypes;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.upcast.LedgerUpcasters;
import org.coalitionledger.api.view.LedgerEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * A reader for each event type at its current revision: what the serializer does for such a payload (no upcaster
     * applies to it), without looking its class up by name or making a reader each time.
     */
    private static final Map<String, ObjectReader> CURRENT_READERS = KnownEventTypes.CLASSES.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getName, SERIALIZER.getObjectMapper()::readerFor));

    /** The event types whose payloads carry a coalition id, by name. */
    private static final Set<String> CARRYING_COALITION = KnownEventTypes.CLASSES.stream()
            .filter(CoalitionIds::isCarriedBy).map(Class::getName).collect(Collectors.toUnmodifiableSet());

    /** The component {@link CoalitionIds} reads, as the payload's JSON names it. */
    private static final String COALITION_ID = "coalitionId";

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
            if (KnownEventTypes.isKnown(event.payloadType(), event.payloadRevision())) {
                return CURRENT_READERS.get(event.payloadType()).readValue(event.payload());
            }
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

    /**
     * Whether the payload's text states {@code coalitionId} as its coalition (null: none), read without making the
     * payload: a payload of the current revision that is one JSON object naming {@code coalitionId} once, as a
     * string or null, or a type that carries no coalition id when {@code coalitionId} is null. Where the payload is
     * readable, this is what {@link CoalitionIds#of} gives for {@link #payload} (the record takes the value as is).
     * False when the text states another, or cannot tell alone (an older revision, another value, the name twice,
     * text that is not one JSON object): then read the payload whole to know. A check that nearly every event
     * passes costs a scan of its text instead of a payload made and dropped.
     */
    public static boolean statesCoalition(StoredEvent event, String coalitionId) {
        if (!KnownEventTypes.isKnown(event.payloadType(), event.payloadRevision())) {
            return false;
        }
        if (!CARRYING_COALITION.contains(event.payloadType())) {
            return coalitionId == null;
        }
        Stated stated = stated(SERIALIZER.getObjectMapper(), event.payload(), COALITION_ID);
        return stated.tells() && java.util.Objects.equals(stated.value(), coalitionId);
    }

    /**
     * What a JSON text gives as one top-level name's value, read without building it.
     *
     * @param tells false when the text alone cannot tell as a tree or a record would read it: not one JSON object,
     *              the name twice, or a value that is neither a string nor null
     * @param value the string, or null when the name is absent or null
     */
    private record Stated(boolean tells, String value) {
        static final Stated CANNOT_TELL = new Stated(false, null);
    }

    private static Stated stated(ObjectMapper mapper, byte[] json, String wanted) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Stated.CANNOT_TELL;
            }
            boolean named = false;
            String value = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken kind = parser.nextToken();
                if (!wanted.equals(name)) {
                    parser.skipChildren();
                } else if (named || (kind != JsonToken.VALUE_STRING && kind != JsonToken.VALUE_NULL)) {
                    return Stated.CANNOT_TELL;
                } else {
                    named = true;
                    value = kind == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null ? new Stated(true, value)
                    : Stated.CANNOT_TELL;
        } catch (JacksonException e) {
            return Stated.CANNOT_TELL;
        }
    }

    /** The {@code actor} metadata value, or null when the metadata names none. */
    public static String actor(StoredEvent event) {
        byte[] metadata = event.metadata();
        if (metadata.length == 0) {
            return null;
        }
        // Read as text where that tells (nearly every event, and verification reads every one); else as a tree.
        Stated stated = stated(AuditJson.mapper(), metadata, LedgerMetadata.ACTOR);
        if (stated.tells()) {
            return stated.value();
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
            recordedAt = LogTime.parseEventTime(event.timestamp());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp of event " + event.eventId() + " is not an ISO-8601 "
                    + "instant: '" + event.timestamp() + "'", e);
        }
        return new LedgerEntry(payload(event), recordedAt, actor(event), event.eventId());
    }
}
