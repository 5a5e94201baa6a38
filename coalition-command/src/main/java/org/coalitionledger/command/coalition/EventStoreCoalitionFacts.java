package org.coalitionledger.command.coalition;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;
import java.util.stream.Collectors;

/** {@link CoalitionFacts} read straight from the coalition's stream in the event store: no lag, no lock. */
public class EventStoreCoalitionFacts implements CoalitionFacts {

    private final EventStore eventStore;

    public EventStoreCoalitionFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<MembershipHistory> find(String coalitionId) {
        return MembershipHistory.of(eventStore.readEvents(coalitionId).asStream()
                .map(DomainEventMessage::getPayload)
                .collect(Collectors.toList()));
    }
}
