package org.coalitionledger.web.commands;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.coalitionledger.api.reporting.RecordCommand;
import org.coalitionledger.api.reporting.RecordIds;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The event stream a command writes to, or a coalition's record is read from, resolved the way the command bus
 * resolves it ({@link RecordIds#resolve}): the coalition's scoped stream, or the legacy stream of a record that
 * this coalition recorded before ids were scoped. Reads the event store, so call it off the event loop.
 */
@Component
public class RecordStreams {

    private final EventStore eventStore;

    public RecordStreams(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The stream of {@code recordId} as {@code coalitionId} sees it (it may hold no events). */
    public String of(String coalitionId, String recordId) {
        return RecordIds.resolve(coalitionId, recordId, this::firstPayload);
    }

    /** The stream the command appends to: its record's, or its coalition's own. */
    public String streamOf(Object command) {
        if (command instanceof RecordCommand c) {
            return of(c.coalitionId(), c.recordId());
        }
        return CommandRouting.coalitionId(command);
    }

    private Optional<Object> firstPayload(String stream) {
        return eventStore.readEvents(stream).asStream().findFirst().map(DomainEventMessage::getPayload);
    }
}
