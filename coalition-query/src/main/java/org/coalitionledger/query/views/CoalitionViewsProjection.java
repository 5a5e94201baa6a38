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
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.query.config.ProcessingGroups;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coalition views, kept live: per coalition, the shared {@link CoalitionLedgerFold}'s state, stored as a
 * snapshot row ({@link CoalitionFoldEntity}). Every view is computed from that state by the same fold the
 * "as recorded at" queries and the offline verifier use, so the three cannot disagree.
 * <p>
 * One batch of the processor is one unit of work and one transaction: a coalition's row is loaded once, at its first
 * event in the batch, every event of the batch is folded in memory, and the row is written once, in the batch's
 * prepare-commit phase, in the same transaction that stores the processor's token. Subscription-query updates go out
 * after that commit ({@link CoalitionViewUpdates}). Events of one coalition stay in order because the processor
 * sequences them by coalition id ({@link org.coalitionledger.query.config.CoalitionSequencingPolicy}).
 */
@Component
@ProcessingGroup(ProcessingGroups.COALITION_VIEWS)
class CoalitionViewsProjection {

    private static final String BATCH_RESOURCE = CoalitionViewsProjection.class.getName() + ".batch";

    private final CoalitionFoldRepository repository;
    private final CoalitionViewUpdates updates;

    CoalitionViewsProjection(CoalitionFoldRepository repository, CoalitionViewUpdates updates) {
        this.repository = repository;
        this.updates = updates;
    }

    @EventHandler
    void on(CoalitionFoundedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(MemberJoinedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(MemberLeftEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(MembershipCorrectedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(GoalSetEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(TakedownBatchRecordedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(ArrestRecordedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(ConfiscationRecordedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(TakedownBatchCorrectedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(ArrestRecordCorrectedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(ConfiscationRecordCorrectedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    @EventHandler
    void on(RecordRetractedEvent event, EventMessage<?> message) {
        fold(event.coalitionId(), message);
    }

    /** A replay starts from no state at all: every coalition's fold is folded again from the first event. */
    @ResetHandler
    void reset() {
        repository.deleteAllInBatch();
    }

    private void fold(String coalitionId, EventMessage<?> message) {
        batch().pending(coalitionId).apply(message);
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> batch.save());
            unitOfWork.afterCommit(u -> batch.publish());
            return batch;
        });
    }

    /** The coalitions a batch touched, with their folds; lives as long as the batch's unit of work. */
    private final class Batch {

        private final Map<String, Pending> pending = new LinkedHashMap<>();

        Pending pending(String coalitionId) {
            return pending.computeIfAbsent(coalitionId, id -> {
                CoalitionFoldEntity entity = repository.findById(id).orElse(null);
                return entity == null
                        ? new Pending(null, new CoalitionLedgerFold(id), 0)
                        : new Pending(entity, FoldJson.read(entity.state()), entity.eventsFolded());
            });
        }

        void save() {
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                Pending p = e.getValue();
                if (p.entity == null) {
                    p.entity = new CoalitionFoldEntity(e.getKey());
                    p.entity.update(FoldJson.write(p.fold), p.eventsFolded);
                    repository.save(p.entity);
                } else {
                    // Managed in this transaction: written at commit, with its version checked.
                    p.entity.update(FoldJson.write(p.fold), p.eventsFolded);
                }
            }
        }

        void publish() {
            pending.forEach((coalitionId, p) -> updates.committed(coalitionId, p.fold, p.eventsFolded,
                    p.lastRecordedAt));
        }
    }

    private static final class Pending {
        CoalitionFoldEntity entity;
        final CoalitionLedgerFold fold;
        long eventsFolded;
        Instant lastRecordedAt;

        Pending(CoalitionFoldEntity entity, CoalitionLedgerFold fold, long eventsFolded) {
            this.entity = entity;
            this.fold = fold;
            this.eventsFolded = eventsFolded;
        }

        void apply(EventMessage<?> message) {
            fold.apply(LedgerEntries.of(message));
            eventsFolded++;
            if (lastRecordedAt == null || message.getTimestamp().isAfter(lastRecordedAt)) {
                lastRecordedAt = message.getTimestamp();
            }
        }
    }
}
