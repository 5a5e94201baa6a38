package org.coalitionledger.command.config;

import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event-sourcing repository that keeps each aggregate, as its last committed command left it, between commands,
 * and on the next load reads only the events stored after it: one query, usually empty, instead of the whole stream.
 * Meant for a long stream that many commands load (a coalition's, which holds a report for every member's batch).
 * <p>
 * The store stays the authority: every load still asks it for newer events, so events another node appended are
 * folded in before the command sees the aggregate, and a stale copy can never decide a command. A kept aggregate is
 * taken out while a command has it (under the repository's lock) and put back only when that command committed, or
 * rolled back without changing it (a refused command); an aggregate a rolled-back command changed is dropped, and the
 * next load reads the whole stream again. One entry per aggregate loaded, held in memory for the node's lifetime.
 * No snapshots: the kept aggregate is never written anywhere, so nothing outside the process can alter what a
 * command decides on.
 *
 * @param <T> the aggregate type
 */
public class IncrementalEventSourcingRepository<T> extends EventSourcingRepository<T> {

    /** An aggregate root as a committed command left it, at the sequence number of its stream's last event. */
    private record Kept<T>(T root, long version) {
    }

    private final EventStore eventStore;
    private final Map<String, Kept<T>> kept = new ConcurrentHashMap<>();

    private IncrementalEventSourcingRepository(Builder<T> builder, EventStore eventStore) {
        super(builder);
        this.eventStore = eventStore;
    }

    /** A repository of {@code type} on {@code eventStore}, with Axon's defaults for everything else. */
    public static <T> IncrementalEventSourcingRepository<T> of(Class<T> type, EventStore eventStore) {
        return new IncrementalEventSourcingRepository<>(EventSourcingRepository.builder(type).eventStore(eventStore),
                eventStore);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        Kept<T> before = kept.remove(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate;
        if (before == null) {
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        } else {
            aggregate = EventSourcedAggregate.reconstruct(before.root(), aggregateModel(), before.version(), false,
                    eventStore, NoSnapshotTriggerDefinition.TRIGGER);
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, before.version() + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        Long loaded = aggregate.version();
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.afterCommit(u -> keep(aggregateIdentifier, aggregate));
        unitOfWork.onRollback(u -> {
            if (Objects.equals(aggregate.version(), loaded)) {
                keep(aggregateIdentifier, aggregate);
            }
        });
        return aggregate;
    }

    private void keep(String aggregateIdentifier, EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        if (version != null && !aggregate.isDeleted()) {
            kept.put(aggregateIdentifier, new Kept<>(aggregate.getAggregateRoot(), version));
        }
    }
}
