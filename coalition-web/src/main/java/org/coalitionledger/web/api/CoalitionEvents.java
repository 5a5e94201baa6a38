package org.coalitionledger.web.api;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.log.AuditLogStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A coalition's events in store order, a page at a time, read through the log's coalition index: the events the
 * log holds come from that coalition's index entries alone, and only the store's tail that the log has not reached
 * yet (what it will log within moments) is read and filtered. Membership is the event payload's coalition id, as
 * the log's index has it. An event committed behind the log's position appears once the log takes it. Rows are
 * turned into messages by Axon's own serializer and upcaster chain (with its known-types guard), as the event
 * store's reads do. Blocking.
 */
@Component
class CoalitionEvents {

    private final AuditLogStore store;
    private final Configuration axon;

    CoalitionEvents(AuditLogStore store, Configuration axon) {
        this.store = store;
        this.axon = axon;
    }

    /** Up to {@code max} of the coalition's events after global index {@code after}, in global-index order. */
    List<TrackedEventMessage<?>> page(String coalitionId, long after, int max) {
        long logged = store.maxLoggedGlobalIndex();
        List<TrackedEventMessage<?>> page = new ArrayList<>(max);
        for (StoredEvent event : store.coalitionEvents(coalitionId, after, logged, max)) {
            page.add(message(event));
        }
        if (page.size() < max) {
            store.forEachEventAfter(Math.max(after, logged), event -> {
                TrackedEventMessage<?> message = message(event);
                if (CoalitionIds.of(message.getPayload()).filter(coalitionId::equals).isPresent()) {
                    page.add(message);
                }
                return page.size() < max;
            });
        }
        return page;
    }

    private TrackedEventMessage<?> message(StoredEvent event) {
        var entry = new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateId(), event.sequenceNumber(),
                event.eventId(), event.timestamp(), event.payloadType(), event.payloadRevision(), event.payload(),
                event.metadata());
        return EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(new TrackedDomainEventData<>(
                        new GlobalSequenceTrackingToken(event.globalIndex()), entry)), axon.eventSerializer(),
                axon.upcasterChain()).findFirst().orElseThrow();
    }
}
