package org.coalitionledger.web.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.reporting.RecordCommand;
import org.coalitionledger.api.reporting.RecordIds;
import org.coalitionledger.web.commands.CommandRouting;
import org.coalitionledger.web.commands.RecordStreams;
import org.coalitionledger.web.request.RequestLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Sends one command through the command gateway and reports which events it recorded. Every command is idempotent
 * (a repeat records nothing), so "201 or 200" is answered from what the command actually stored: the events it
 * published on the command's streams, carrying this request's id, seen as they are published to the event store and
 * kept once their unit of work has committed. The command bus is local, so the command runs and commits before the
 * gateway answers; no event-store read is needed for a write that records something, and one (the stream's
 * version) for a repeat. No command-side change is needed and the answer is exact even without an Idempotency-Key.
 * <p>
 * Gateway calls and event-store reads block, so all of it runs on the bounded elastic scheduler, lazily (nothing is
 * sent before subscription), with the request's log fields.
 */
@Component
public class LedgerWriter {

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final RecordStreams recordStreams;
    private final Duration timeout;
    /** The committed events of each command in flight, by its request id. */
    private final Map<String, List<DomainEventMessage<?>>> inFlight = new ConcurrentHashMap<>();

    public LedgerWriter(CommandGateway commandGateway, EventStore eventStore, RecordStreams recordStreams,
                        @Value("${coalition.web.command-timeout:PT30S}") Duration timeout) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.recordStreams = recordStreams;
        this.timeout = timeout;
        eventStore.registerDispatchInterceptor(this::collectCommitted);
    }

    /**
     * What a command recorded: its events' ids (empty for an idempotent repeat) and the version of the stream it
     * addresses afterwards (the sequence number of its latest event; a record's version, its ETag).
     */
    public record Recorded(List<String> eventIds, long version) {
    }

    /** Sends the command and reports what it recorded. */
    public Mono<Recorded> send(Object command, Caller caller, String requestId) {
        return RequestLog.blocking(() -> sendAndWait(command, caller, requestId));
    }

    /** Blocking form, for callers already off the event loop (the bulk import). */
    Recorded sendAndWait(Object command, Caller caller, String requestId) throws Exception {
        String coalitionStream = CommandRouting.coalitionId(command);
        List<DomainEventMessage<?>> committed = new CopyOnWriteArrayList<>();
        if (inFlight.putIfAbsent(requestId, committed) != null) {
            throw new IllegalStateException("request id " + requestId + " is already sending a command");
        }
        try {
            commandGateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(caller.metaData(requestId)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            inFlight.remove(requestId);
        }
        // A record command writes its record's stream (scoped, or its coalition's old-style one) and may file a
        // member's report on the coalition's; both names are known without reading the store.
        List<String> ownStreams = command instanceof RecordCommand c
                ? List.of(RecordIds.aggregateId(c.coalitionId(), c.recordId()), RecordIds.legacyAggregateId(c.recordId()))
                : List.of(coalitionStream);
        // The command's own stream first (a record's), then the coalition's.
        List<DomainEventMessage<?>> recorded = committed.stream()
                .filter(e -> ownStreams.contains(e.getAggregateIdentifier())
                        || e.getAggregateIdentifier().equals(coalitionStream))
                .sorted(Comparator.<DomainEventMessage<?>>comparingInt(
                                e -> e.getAggregateIdentifier().equals(coalitionStream) ? 1 : 0)
                        .thenComparingLong(DomainEventMessage::getSequenceNumber))
                .toList();
        // The stream it addresses is known from what it recorded; only a repeat, which recorded nothing, resolves it.
        String own = command instanceof RecordCommand
                ? recorded.stream().map(DomainEventMessage::getAggregateIdentifier)
                        .filter(ownStreams::contains).findFirst()
                        .orElseGet(() -> recordStreams.streamOf(command))
                : coalitionStream;
        long version = recorded.stream().filter(event -> event.getAggregateIdentifier().equals(own))
                .mapToLong(DomainEventMessage::getSequenceNumber).max()
                .orElseGet(() -> eventStore.lastSequenceNumberFor(own).orElse(-1L));
        return new Recorded(recorded.stream().map(EventMessage::getIdentifier).toList(), version);
    }

    /**
     * Sees each event as it is published in its command's unit of work, and keeps it for the command in flight
     * with the same request id once that unit of work has committed (a rolled-back event was never recorded).
     */
    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> collectCommitted(
            List<? extends EventMessage<?>> events) {
        return (index, event) -> {
            Object requestId = event.getMetaData().get(LedgerMetadata.REQUEST_ID);
            List<DomainEventMessage<?>> committed = requestId == null ? null : inFlight.get(requestId.toString());
            if (committed != null && event instanceof DomainEventMessage<?> domainEvent
                    && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> committed.add(domainEvent));
            }
            return event;
        };
    }
}
