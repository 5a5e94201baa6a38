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
import org.coalitionledger.log.AuditProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Event-history pages in store order, each read through an index that stops after the page, so a page costs its own
 * size and never the store's:
 * <ul>
 *   <li>a coalition's events through the log's coalition index (membership is the event payload's coalition id, as
 *   the index has it), and then the store's tail that the log has not reached yet (what it will log within moments),
 *   read and filtered at most a page's worth of rows at a time: however far the log lags, a page that finds too few
 *   of the coalition's events there ends where its read ended and says where to go on;</li>
 *   <li>the administrative acts (streams {@code admin:...}) through the store's index of them.</li>
 * </ul>
 * A page never leads a reader past a write that may still commit: a global index that no stored event holds while a
 * later one, stored within {@code coalition.audit.history-settle-time} (by default the log's {@code max-log-delay}),
 * does ({@link AuditLogStore#unsettledGap}). Such a page ends before that index, with no next; the events after it
 * come once it commits, or once that time has passed without it (a write that rolled back). With the default, a
 * write committing later still is one the log names as late. Zero turns the wait off.
 * Rows are turned into messages by Axon's own serializer and upcaster chain (with its known-types guard), as the
 * event store's reads do. Blocking.
 */
@Component
class EventPages {

    /**
     * Up to a page of events in global-index order, and the global index to read on after: the last event's, or where
     * a bounded read of the store's tail ended; null when nothing followed when the page was read, or when what
     * followed came after a write that may still commit.
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
    private final Duration settleTime;

    EventPages(AuditLogStore store, Configuration axon, AuditProperties audit) {
        this.store = store;
        this.axon = axon;
        this.settleTime = audit.historySettleTime();
    }

    /** Up to {@code max} of the coalition's events after global index {@code after}. */
    Page coalition(String coalitionId, long after, int max) {
        return settled(after, coalitionRead(coalitionId, after, max));
    }

    /** Up to {@code max} administrative acts after global index {@code after}. */
    Page administrative(long after, int max) {
        return settled(after, Page.of(store.administrativeEvents(after, max + 1).stream().map(this::message).toList(),
                max));
    }

    /** The page, or what of it comes before a write that may still commit below where it would lead the reader. */
    private Page settled(long after, Page page) {
        long end = page.next() != null ? page.next()
                : page.events().isEmpty() ? after : position(page.events().get(page.events().size() - 1));
        OptionalLong unsettled = settleTime.isZero() ? OptionalLong.empty()
                : store.unsettledGap(after, end, Instant.now(), settleTime);
        if (unsettled.isEmpty()) {
            return page;
        }
        return new Page(page.events().stream().filter(event -> position(event) < unsettled.getAsLong()).toList(),
                null);
    }

    private Page coalitionRead(String coalitionId, long after, int max) {
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
