package org.coalitionledger.query.admin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.query.config.ProcessingGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Rebuilds the view projections from the event store: an administrator's operation. Each processor is shut down, its
 * tokens reset (which runs the projection's {@code @ResetHandler}, emptying its rows) and started again; it then
 * replays the whole store while the views fill up again. Until it has caught up, the views are incomplete.
 * <p>
 * The web reaches this only through the command bus ({@link RebuildViewsCommand}), so the request is checked and
 * recorded like any other command: it must carry the actor metadata, and the rebuild becomes a ledger fact
 * ({@link ViewsRebuildStartedEvent}) naming who asked and why. With several nodes the reset fails while
 * another node holds a segment of the processor: shut the processor down there first.
 */
@Component
public class ProjectionAdministration {

    /** The processors a rebuild resets, by name (each named after its processing group). */
    public static final List<String> VIEW_PROCESSORS = List.of(ProcessingGroups.COALITION_VIEWS);

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdministration.class);

    private final EventProcessingConfiguration processing;
    private final EventBus eventBus;
    private final TransactionTemplate outsideAnyTransaction;

    public ProjectionAdministration(EventProcessingConfiguration processing, EventBus eventBus,
                                    PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.eventBus = eventBus;
        this.outsideAnyTransaction = new TransactionTemplate(transactionManager);
        // The reset must commit before the processor starts again, or its threads read the old tokens; the command
        // that asks for it runs in a transaction of its own, so suspend that one.
        this.outsideAnyTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /**
     * Rebuilds, then records the fact on the rebuild's own administrative stream. The event is published in the
     * command's unit of work, so it carries the command's actor metadata and commits with it; the replay then
     * meets it like any other event (no view folds it).
     */
    @CommandHandler
    public ViewsRebuild handle(RebuildViewsCommand command) {
        ViewsRebuild rebuild = rebuild(command.rebuildId());
        eventBus.publish(new GenericDomainEventMessage<>(null, AdminStreams.viewsRebuild(command.rebuildId()), 0,
                new ViewsRebuildStartedEvent(command.rebuildId(), rebuild.processors(), command.reason())));
        return rebuild;
    }

    /** Resets and restarts every view processor; returns once they run again (not once they have caught up). */
    synchronized ViewsRebuild rebuild(String rebuildId) {
        return outsideAnyTransaction.execute(status -> {
            for (String name : VIEW_PROCESSORS) {
                StreamingEventProcessor processor = processor(name);
                log.info("Rebuilding projection {} from the event store", name);
                processor.shutDown();
                try {
                    processor.resetTokens();
                } finally {
                    // Running again either way: a failed reset leaves the old, still consistent views in place.
                    processor.start();
                }
            }
            return new ViewsRebuild(rebuildId, VIEW_PROCESSORS);
        });
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor named " + name));
    }
}
