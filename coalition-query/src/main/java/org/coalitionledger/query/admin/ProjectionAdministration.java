package org.coalitionledger.query.admin;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;
import org.coalitionledger.api.view.FindViewsRebuildProgressQuery;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.api.view.ViewsRebuildProgress;
import org.coalitionledger.query.config.ProcessingGroups;
import org.coalitionledger.query.views.GenerationFill;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rebuilds the view projections from the event store: an administrator's operation. The views processor is shut down
 * and its tokens reset (which runs the projection's {@code @ResetHandler}, opening a new generation of the view rows);
 * in the background, a {@link GenerationFill} then fills that generation from the store in parallel and moves the
 * tokens to the last event it filled, and the processor starts again and replays the rest, while partners keep
 * reading the published generation, complete as before the rebuild. A watch ({@link #switchOverWhenCaughtUp})
 * publishes the new generation once every segment has replayed up to the head the store had when the rebuild
 * started; {@link FindViewsRebuildProgressQuery} shows how far it has got.
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
    private final TransactionTemplate fillTransaction;
    private final GenerationFill fill;
    /** Fills run one at a time, off the caller's thread: a fill of a large store takes minutes. */
    private final ExecutorService fills = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "views-rebuild-fill");
        thread.setDaemon(true);
        return thread;
    });
    /** The last fill started; null before the first. */
    private volatile Future<?> filling;

    public ProjectionAdministration(EventProcessingConfiguration processing, EventStore eventStore,
                                    ViewGenerations generations, PlatformTransactionManager transactionManager,
                                    GenerationFill fill) {
        this.fill = fill;
        this.fillTransaction = new TransactionTemplate(transactionManager);
        this.fillTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

    /**
     * Shuts the views processor down and resets it, which opens a new generation to replay into, then fills that
     * generation in the background ({@link #fillAndRestart}); returns once the reset has committed, not once the
     * copy is filled or caught up. Refused while a fill runs.
     */
    synchronized ViewsRebuild rebuild(String rebuildId) {
        if (filling != null && !filling.isDone()) {
            throw new InvalidCommandException(CoalitionErrorCode.REBUILD_UNDERWAY, "a views rebuild is filling its "
                    + "new copy from the store; ask again once its progress shows the replay running");
        }
        StreamingEventProcessor processor = processor(ProcessingGroups.COALITION_VIEWS);
        outsideAnyTransaction.executeWithoutResult(status -> {
            log.info("Rebuilding projection {} from the event store", processor.getName());
            processor.shutDown();
            try {
                // Committed before the fill starts: should the node stop during the fill, the processor replays the
                // whole store into this generation when it starts again, as a rebuild without a fill would.
                processor.resetTokens();
                generations.rebuildHead(head());
            } catch (RuntimeException e) {
                // Running again: a failed reset leaves the old, still consistent views in place.
                processor.start();
                if (e instanceof UnableToClaimTokenException) {
                    // Axon resets only segments no other node holds: on one node of several, a refusal.
                    throw new InvalidCommandException(CoalitionErrorCode.VIEWS_CLAIMED_BY_ANOTHER_NODE, "another node "
                            + "processes the views (" + e.getMessage() + "): a rebuild resets every segment of the "
                            + "views processor, so ask for it while this node runs alone (stop the others, rebuild, "
                            + "start them again); the views are unchanged");
                }
                throw e;
            }
        });
        Future<?> started = fills.submit(() -> fillAndRestart(processor));
        filling = started;
        return new ViewsRebuild(rebuildId, VIEW_PROCESSORS);
    }

    /**
     * Fills the new generation straight from the store, in parallel ({@link GenerationFill}), and resets the
     * processor to the last event filled in the same transaction; then starts the processor, which replays what
     * came after. Not while dead letters are parked: then the processor replays the whole store, as it always did.
     * Should the fill fail, its transaction rolls back to the reset before it and the processor replays the whole
     * store: slower, with the same result.
     */
    private void fillAndRestart(StreamingEventProcessor processor) {
        try {
            if (parkedSequences() > 0) {
                // The replay queues every event of a parked coalition behind its letters, to be retried in order; a
                // fill would fold them, and a retry then fold them again. So with letters parked, only the replay.
                log.info("Views dead letters are parked: the rebuild replays the whole store, without a fill");
                return;
            }
            fillTransaction.executeWithoutResult(status -> fill.fill(report -> processor.resetTokens(
                    source -> report.lastToken())));
        } catch (RuntimeException e) {
            log.warn("Views fill failed; the processor replays the whole store instead", e);
        } finally {
            processor.start();
        }
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
        OptionalLong replayed = processor(ProcessingGroups.COALITION_VIEWS).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        long filled = fill.position();
        // While a fill runs the processor is shut down: the fill's position is the rebuild's.
        OptionalLong position = filled >= 0 ? OptionalLong.of(filled) : replayed;
        return new ViewsRebuildProgress(
                state.building() == null ? ViewsRebuildProgress.PUBLISHED : ViewsRebuildProgress.REBUILDING,
                state.published(), state.building(), state.rebuildHead(),
                position.isPresent() ? position.getAsLong() : null);
    }

    /** How many sequences the views' dead-letter queue holds (none when it has no queue). */
    private long parkedSequences() {
        return processing.deadLetterQueue(ProcessingGroups.COALITION_VIEWS)
                .map(queue -> queue.amountOfSequences()).orElse(0L);
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
