package org.coalitionledger.command.reporting;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.coalitionledger.api.reporting.RecordCommand;
import org.coalitionledger.api.reporting.RecordIds;

import java.util.Optional;

/**
 * Finds the stream a record command addresses: a record made before ids were scoped to their coalition keeps its
 * legacy stream when it belongs to the command's coalition; every other record lives on its coalition's scoped stream
 * (see {@link RecordIds#resolve}). A coalition asking for another coalition's record so meets no record at all.
 * <p>
 * Named by {@link FigureRecord}'s {@code @Aggregate(commandTargetResolver = ...)}.
 */
public class RecordTargetResolver implements CommandTargetResolver {

    public static final String BEAN_NAME = "recordTargetResolver";

    private final EventStore eventStore;
    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    public RecordTargetResolver(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof RecordCommand c) {
            return new VersionedAggregateIdentifier(RecordIds.resolve(c.coalitionId(), c.recordId(),
                    this::firstPayload), null);
        }
        return annotated.resolveTarget(command);
    }

    private Optional<Object> firstPayload(String stream) {
        return eventStore.readEvents(stream).asStream().findFirst().map(DomainEventMessage::getPayload);
    }
}
