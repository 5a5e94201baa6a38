package org.coalitionledger.web.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.web.commands.CommandRouting;
import org.coalitionledger.web.commands.RecordStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one command through the command gateway and reports which events it recorded. Every command is idempotent
 * (a repeat records nothing), so "201 or 200" is answered from the event store itself: the events appended to the
 * command's stream after its last sequence number seen before sending, carrying this request's id. No command-side
 * change is needed and the answer is exact even when the client sends no Idempotency-Key.
 * <p>
 * Gateway calls and event-store reads block, so all of it runs on the bounded elastic scheduler, lazily (nothing is
 * sent before subscription).
 */
@Component
public class LedgerWriter {

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final RecordStreams recordStreams;
    private final Duration timeout;

    public LedgerWriter(CommandGateway commandGateway, EventStore eventStore, RecordStreams recordStreams,
                        @Value("${coalition.web.command-timeout:PT30S}") Duration timeout) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.recordStreams = recordStreams;
        this.timeout = timeout;
    }

    /**
     * What a command recorded: its events' ids (empty for an idempotent repeat) and the version of the stream it
     * addresses afterwards (the sequence number of its latest event; a record's version, its ETag).
     */
    public record Recorded(List<String> eventIds, long version) {
    }

    /** Sends the command and reports what it recorded. */
    public Mono<Recorded> send(Object command, Caller caller, String requestId) {
        return Mono.fromCallable(() -> sendAndWait(command, caller, requestId))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Blocking form, for callers already off the event loop (the bulk import). */
    Recorded sendAndWait(Object command, Caller caller, String requestId) throws Exception {
        // The command's own stream, and the coalition's (a member's report is also filed there).
        List<String> streams = java.util.stream.Stream.of(recordStreams.streamOf(command),
                CommandRouting.coalitionId(command)).distinct().toList();
        List<Long> before = streams.stream().map(s -> eventStore.lastSequenceNumberFor(s).orElse(-1L)).toList();
        commandGateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(caller.metaData(requestId)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            var events = eventStore.readEvents(streams.get(i), before.get(i) + 1);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (requestId.equals(event.getMetaData().get(LedgerMetadata.REQUEST_ID))) {
                    recorded.add(event.getIdentifier());
                }
            }
        }
        return new Recorded(recorded, eventStore.lastSequenceNumberFor(streams.get(0)).orElse(-1L));
    }
}
