package org.coalitionledger.web.config;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.coalitionledger.api.KnownEventTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Refuses every stored event whose payload type is not one of the ledger's own ({@link KnownEventTypes}), before
 * Axon resolves the type to a class: the last step of the upcaster chain, which every read of the event store
 * (aggregates, processors, the event history) passes between the row and deserialisation. A planted row naming
 * another class stops the read with an error naming the row, and that class is never loaded. Last, so events of an
 * older revision are first brought up to date by their upcasters.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class KnownEventTypesGuard implements EventUpcaster {

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> events) {
        return events.peek(KnownEventTypesGuard::check);
    }

    private static void check(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        String refusal = KnownEventTypes.refusal(describe(event), type.getName(), type.getRevision());
        if (refusal != null) {
            throw new UnknownEventTypeException(refusal);
        }
    }

    private static String describe(IntermediateEventRepresentation event) {
        StringBuilder where = new StringBuilder("stored event ").append(event.getMessageIdentifier());
        event.getAggregateIdentifier().ifPresent(id -> where.append(" (stream ").append(id).append(", sequence ")
                .append(event.getSequenceNumber().orElse(null)).append(')'));
        event.getTrackingToken().map(TrackingToken::position).filter(OptionalLong::isPresent)
                .ifPresent(position -> where.append(" at global index ").append(position.getAsLong()));
        return where.toString();
    }

    /** A stored event names a payload type that is not one of the ledger's: the store was tampered with. */
    public static class UnknownEventTypeException extends IllegalStateException {
        UnknownEventTypeException(String message) {
            super(message);
        }
    }
}
