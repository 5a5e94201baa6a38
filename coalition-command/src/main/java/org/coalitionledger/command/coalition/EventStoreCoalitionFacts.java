package org.coalitionledger.command.coalition;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CoalitionFacts} read straight from the coalition's stream in the event store: no lag, no lock.
 * <p>
 * The coalition's stream only grows (a member's report is filed there too), so each coalition's fold is kept with
 * the sequence number it has read up to, and a read fetches only the events after it. Every read still asks the
 * store, so the answer is as current as reading the whole stream (another node's appends included); it costs one
 * query for the new events instead of reading the coalition's whole history for every record command.
 */
public class EventStoreCoalitionFacts implements CoalitionFacts {

    /** A coalition's fold up to a sequence number; never handed out (readers get a copy). */
    private record Folded(long lastSequence, MembershipHistory history) {
    }

    private final EventStore eventStore;
    // Only founded coalitions are kept: a few per ledger, never one per unknown id a client sends.
    private final Map<String, Folded> folded = new ConcurrentHashMap<>();

    public EventStoreCoalitionFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<MembershipHistory> find(String coalitionId) {
        Folded known = folded.get(coalitionId);
        MembershipHistory history = known == null ? new MembershipHistory() : known.history().copy();
        long first = known == null ? 0 : known.lastSequence() + 1;
        long last = first - 1;
        DomainEventStream events = eventStore.readEvents(coalitionId, first);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            history.apply(event.getPayload());
            last = event.getSequenceNumber();
        }
        if (history.foundedOn() == null) {
            return Optional.empty();
        }
        if (last >= first) {
            Folded newer = new Folded(last, history.copy());
            folded.merge(coalitionId, newer, (old, fresh) -> fresh.lastSequence() > old.lastSequence() ? fresh : old);
        }
        return Optional.of(history);
    }
}
