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
 * Event-history pages in store order, each read through an index that stops after the page, so a page costs its own
 * size and never the store's:
 * <ul>
 *   <li>a coalition's events through the log's coalition index (membership is the event payload's coalition id, as
 *   the index has it), and then the store's tail that the log has not reached yet (what it will log within moments),
 *   read and filtered at most a page's worth of rows at a time: however far the log lags, a page that finds too few
 *   of the coalition's events there ends where its read ended and says where to go on. A write that took its
 *   global index before others but commits after them (and so after the log, or a reader's cursor, passed that
 *   index) appears at its own global index: a reader whose cursor has passed it sees it only by reading again from
 *   before it;</li>
 *   <li>the administrative acts (streams {@code admin:...}) through the store's index of them.</li>
 * </ul>
 * Rows are turned into messages by Axon's own serializer and upcaster chain (with its known-types guard), as the
 * event store's reads do. Blocking.
 */
@Component
class EventPages {

    /**
     * Up to a page of events in global-index order, and the global index to read on after: the last event's, or where
     * a bounded read of the store's tail ended; null when nothing followed when the page was read.
     */
    record Page(List<TrackedEventMessage<?>> events, Long next) {

        /** The first {@code max} of {@code read}, which holds up to one more to show whether a next page exists. */
        static Page of(List<TrackedEventMessage<?>> read, int max) {
            if (read.size() <= max) {
                return new Page(read, null);
            }
            List<TrackedEventMessage<?>> page = read.subList(0, max);
            return new Page(page, position(page.get(max - 1)));
        }
    }

    private final AuditLogStore store;
    private final Configuration axon;

    EventPages(AuditLogStore store, Configuration axon) {
        this.store = store;
        this.axon = axon;
    }

    /** Up to {@code max} of the coalition's events after global index {@code after}. */
    Page coalition(String coalitionId, long after, int max) {
        long logged = store.maxLoggedGlobalIndex();
        List<TrackedEventMessage<?>> read = new ArrayList<>(max + 1);
        for (StoredEvent event : store.coalitionEvents(coalitionId, after, logged, max + 1)) {
            read.add(message(event));
        }
        if (read.size() > max) {
            return Page.of(read, max);
        }
        List<StoredEvent> tail = store.eventsAfter(Math.max(after, logged), max + 1);
        for (StoredEvent event : tail) {
            TrackedEventMessage<?> message = message(event);
            if (CoalitionIds.of(message.getPayload()).filter(coalitionId::equals).isPresent()) {
                read.add(message);
                if (read.size() > max) {
                    return Page.of(read, max);
                }
            }
        }
        if (tail.size() > max) {
            return new Page(read, tail.get(tail.size() - 1).globalIndex());
        }
        return new Page(read, null);
    }

    /** Up to {@code max} administrative acts after global index {@code after}. */
    Page administrative(long after, int max) {
        return Page.of(store.administrativeEvents(after, max + 1).stream().map(this::message).toList(), max);
    }

    static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
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
