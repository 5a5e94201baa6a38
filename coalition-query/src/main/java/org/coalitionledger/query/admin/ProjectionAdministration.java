package org.coalitionledger.query.admin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;
import org.coalitionledger.api.view.FindViewsRebuildProgressQuery;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.api.view.ViewsRebuildProgress;
import org.coalitionledger.query.config.ProcessingGroups;
import org.coalitionledger.query.views.ViewGenerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Rebuilds the view projections from the event store: an administrator's operation. Each processor is shut down, its
 * tokens reset (which runs the projection's {@code @ResetHandler}, opening a new generation of the view rows) and
 * started again; it then replays the whole store into that generation while partners keep reading the published one,
 * complete as before the rebuild. A watch ({@link #switchOverWhenCaughtUp}) publishes the new generation once every
 * segment has replayed up to the head the store had when the rebuild started; {@link FindViewsRebuildProgressQuery}
 * shows how far it has got.
 * <p>
 * The web reaches this only through the command bus ({@link RebuildViewsCommand}), so the request is checked and
 * recorded like any other command: it must carry the actor metadata, and the rebuild becomes a ledger fact
 * ({@link ViewsRebuildStartedEvent}) naming who asked and why. With several nodes the reset fails while
 * another node holds a segment of the processor: shut the processor down there first. The switch-over is made by the
 * node that processes every segment (the one that reset), since only it sees all of their positions.
 */
@Component
public class ProjectionAdministration {

    /** The processors a rebuild resets, by name (each named after its processing group). */
    public static final List<String> VIEW_PROCESSORS = List.of(ProcessingGroups.COALITION_VIEWS);

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdministration.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ViewGenerations generations;
    private final TransactionTemplate outsideAnyTransaction;

    public ProjectionAdministration(EventProcessingConfiguration processing, EventStore eventStore,
                                    ViewGenerations generations, PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.generations = generations;
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
        eventStore.publish(new GenericDomainEventMessage<>(null, AdminStreams.viewsRebuild(command.rebuildId()), 0,
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
                    generations.rebuildHead(head());
                } finally {
                    // Running again either way: a failed reset leaves the old, still consistent views in place.
                    processor.start();
                }
            }
            return new ViewsRebuild(rebuildId, VIEW_PROCESSORS);
        });
    }

    /**
     * Publishes a rebuilt generation once the replay has caught up: every segment claimed here, caught up, not failed,
     * and at or past the head noted at the start (Axon drops a segment's replay flag only at the next event after the
     * reset position, so the position decides, not the flag). Until then partners read the previous generation.
     */
    @Scheduled(initialDelayString = "${coalition.views.switch-over-check:PT0.5S}",
            fixedDelayString = "${coalition.views.switch-over-check:PT0.5S}")
    public synchronized void switchOverWhenCaughtUp() {
        ViewGenerations.State state = generations.state();
        if (state.building() == null) {
            return;
        }
        if (state.rebuildHead() == null) {
            // Reset by other means than rebuild() (an operator's tool, the replay benchmark): the head from now on.
            generations.rebuildHead(head());
            return;
        }
        Map<Integer, EventTrackerStatus> status = processor(ProcessingGroups.COALITION_VIEWS).processingStatus();
        double claimed = status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
        boolean caughtUp = claimed > 1.0 - 1e-9 && status.values().stream().allMatch(s -> s.isCaughtUp()
                && !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= state.rebuildHead());
        if (caughtUp && generations.publish(state.building())) {
            log.info("Views rebuild caught up with position {}: generation {} published", state.rebuildHead(),
                    state.building());
        }
    }

    /** The rebuild's progress as this node sees it. */
    @QueryHandler
    public ViewsRebuildProgress handle(FindViewsRebuildProgressQuery query) {
        ViewGenerations.State state = generations.state();
        OptionalLong position = processor(ProcessingGroups.COALITION_VIEWS).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        return new ViewsRebuildProgress(
                state.building() == null ? ViewsRebuildProgress.PUBLISHED : ViewsRebuildProgress.REBUILDING,
                state.published(), state.building(), state.rebuildHead(),
                position.isPresent() ? position.getAsLong() : null);
    }

    /** The event store's last global index, -1 when it is empty. */
    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor named " + name));
    }
}
