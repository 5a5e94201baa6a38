package org.coalitionledger.query.views;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementView;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.coalitionledger.query.config.ProcessingGroups;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coalition views, kept live as rows ({@link ViewRows}): per coalition its founding, each member's stints, each
 * goal, each figure record and each restatement. An event reads and rewrites only the rows it changes: the shared
 * fold is restored from just those rows, folds the event, and the rows that changed are written back
 * ({@link SliceChange}); so the projection and the fold cannot disagree about what an event means. Queries restore the fold
 * from all of a coalition's rows and compute the views from it ({@link CoalitionViewsQueries}).
 * <p>
 * A coalition's events arrive in order on one segment (so a dead letter parks the coalition), but the rows do not rely
 * on it: a record's events touch only its own row, membership, goals and the founding only theirs, and nothing that
 * depends on both (a batch's region and sector, which come from its reporter's
 * membership) is stored: the fold resolves it when a view is asked for, so the order in which segments process
 * events cannot change any view. Restatements are appended under the global index of their event, the trail's order.
 * <p>
 * Rows are written into the generation {@link ViewGenerations} names: the published one, or during a rebuild the one
 * being filled. Subscription-query updates go out after a batch committed ({@link CoalitionViewUpdates}), and only for
 * the published generation.
 */
@Component
@ProcessingGroup(ProcessingGroups.COALITION_VIEWS)
class CoalitionViewsProjection {

    private static final String BATCH_RESOURCE = CoalitionViewsProjection.class.getName() + ".batch";

    private final ViewRows rows;
    private final ViewGenerations generations;
    private final CoalitionViewsQueries queries;
    private final CoalitionViewUpdates updates;
    private final GenerationFill fill;

    CoalitionViewsProjection(ViewRows rows, ViewGenerations generations, CoalitionViewsQueries queries,
                             CoalitionViewUpdates updates, GenerationFill fill) {
        this.fill = fill;
        this.rows = rows;
        this.generations = generations;
        this.queries = queries;
        this.updates = updates;
    }

    @EventHandler
    void on(CoalitionFoundedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(MemberJoinedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(MemberLeftEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(MembershipCorrectedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(GoalSetEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(TakedownBatchRecordedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(ArrestRecordedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(ConfiscationRecordedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(TakedownBatchCorrectedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(ArrestRecordCorrectedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(ConfiscationRecordCorrectedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    @EventHandler
    void on(RecordRetractedEvent event, EventMessage<?> message) {
        fold(event, message);
    }

    /**
     * A replay starts from no state at all, into a new generation: the published views stay as they are until the
     * replay has caught up and the new generation replaces them. The reset a {@link GenerationFill} makes when it is
     * done (on its thread, in its transaction) keeps the generation it filled: the replay goes on from where the fill
     * stopped.
     */
    @ResetHandler
    void reset() {
        if (!fill.fillingOnThisThread()) {
            generations.startBuilding();
        }
    }

    private void fold(Object event, EventMessage<?> message) {
        ViewSlice slice = ViewSlice.of(event).orElse(null);
        if (slice == null) {
            return;
        }
        String coalitionId = slice.coalitionId();
        Batch batch = batch();
        batch.flush();
        long generation = batch.generation.writing();
        long position = position(message);

        FoldSnapshot before = rows.slice(generation, slice);
        LedgerEntry entry = LedgerEntries.of(message);
        SliceChange change = SliceChange.of(before, entry);

        // Held until the next event or the batch's commit, so a parked event's change is dropped, never saved.
        batch.hold(message.getIdentifier(), () -> {
            long changeNo = batch.changeNo(coalitionId);
            if (change.newFounding() != null) {
                rows.insertFounding(generation, coalitionId, change.newFounding());
            }
            for (SliceChange.NumberedStint numbered : change.changedStints()) {
                rows.putStint(generation, coalitionId, numbered.stint().joined().memberId(), numbered.stintNo(),
                        position, numbered.stint(), changeNo);
            }
            if (change.newGoal() != null) {
                rows.insertGoal(generation, coalitionId, position, change.newGoal(), changeNo);
            }
            for (FoldSnapshot.RecordState record : change.changedRecords()) {
                rows.putRecord(generation, coalitionId, position, record, before.records().isEmpty(), changeNo);
            }
            for (RestatementView restatement : change.newRestatements()) {
                // One event restates at most one record: the event's global index is the restatement's key.
                rows.insertRestatement(generation, coalitionId, position, restatement);
            }
            batch.touched(coalitionId, entry.recordedAt());
        });
    }

    /**
     * Takes a failed event out of the batch it failed in (called by {@link ViewsDeadLetterPolicy} as the event is
     * parked, before the batch handles its next event): its held change is dropped, so a retry later folds it once.
     */
    static void discard(EventMessage<?> failed) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Batch batch = CurrentUnitOfWork.get().root().getResource(BATCH_RESOURCE);
        if (batch != null) {
            batch.drop(failed.getIdentifier());
        }
    }

    /** The event's global index in the store: the order of rows across streams. */
    private static long position(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            var position = tracked.trackingToken().position();
            if (position.isPresent()) {
                return position.getAsLong();
            }
        }
        throw new IllegalStateException("event " + message.getIdentifier() + " arrived without a store position");
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            Batch batch = new Batch(generations.state());
            unitOfWork.onPrepareCommit(u -> {
                batch.flush();
                batch.countChanges();
            });
            unitOfWork.afterCommit(u -> batch.publish());
            return batch;
        });
    }

    /** The generation a batch writes and the coalitions it touched; lives as long as the batch's unit of work. */
    private final class Batch {

        final ViewGenerations.State generation;
        private final Map<String, Instant> lastRecordedAt = new LinkedHashMap<>();
        private final Map<String, Long> changeNos = new java.util.HashMap<>();
        /** The last handled event's change, not yet written: another handler may still fail on that event. */
        private String heldEventId;
        private Runnable held;

        Batch(ViewGenerations.State generation) {
            this.generation = generation;
        }

        void hold(String eventId, Runnable change) {
            flush();
            heldEventId = eventId;
            held = change;
        }

        void flush() {
            if (held != null) {
                Runnable change = held;
                held = null;
                heldEventId = null;
                change.run();
            }
        }

        void drop(String eventId) {
            if (eventId.equals(heldEventId)) {
                held = null;
                heldEventId = null;
            }
        }

        /**
         * The number of the change this batch makes to the coalition: its change count once the batch commits. Taken
         * with the coalition's founding row locked, so a change numbered alike cannot commit beside this one.
         */
        long changeNo(String coalitionId) {
            return changeNos.computeIfAbsent(coalitionId, id -> rows.nextChangeNo(generation.writing(), id));
        }

        void touched(String coalitionId, Instant recordedAt) {
            lastRecordedAt.merge(coalitionId, recordedAt, (a, b) -> b.isAfter(a) ? b : a);
        }

        /** One more change for every coalition the batch changed: the live views cached for it are stale. */
        void countChanges() {
            long writing = generation.writing();
            lastRecordedAt.keySet().forEach(coalitionId -> rows.countChange(writing, coalitionId));
        }

        void publish() {
            if (generation.building() != null) {
                return; // A replay into a copy no partner reads yet.
            }
            lastRecordedAt.forEach((coalitionId, recordedAt) -> updates.committed(coalitionId,
                    queries::liveAnswer, recordedAt));
        }
    }
}
