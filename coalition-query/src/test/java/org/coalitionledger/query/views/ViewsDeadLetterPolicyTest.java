package org.coalitionledger.query.views;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event parked in the middle of a batch leaves no trace in what the batch saves: the coalition's fold is saved
 * with the batch's other events only, so a retry later folds the parked event exactly once.
 */
class ViewsDeadLetterPolicyTest {

    private static final String ID = "dlq-batch";

    private final List<CoalitionFoldEntity> saved = new ArrayList<>();
    /** A repository that holds nothing yet and keeps what is saved. */
    private final CoalitionFoldRepository repository = (CoalitionFoldRepository) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{CoalitionFoldRepository.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "findById" -> Optional.empty();
                        case "save" -> {
                            saved.add((CoalitionFoldEntity) args[0]);
                            yield args[0];
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
    private final CoalitionViewsProjection projection = new CoalitionViewsProjection(repository,
            new CoalitionViewUpdates(SimpleQueryUpdateEmitter.builder().build()));

    private static EventMessage<TakedownBatchRecordedEvent> batch(String batchId, long listings) {
        return GenericEventMessage.asEventMessage(new TakedownBatchRecordedEvent(ID, batchId,
                new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO, null, "WWF"), LocalDate.of(2020, 2, 1),
                LocalDate.of(2020, 2, 28), listings, 0, 0, List.of("ivory"), "scope", "source"));
    }

    @Test
    void parkedEvent_isTakenOutOfItsBatch_beforeTheBatchSavesTheFold() {
        EventMessage<CoalitionFoundedEvent> founded = GenericEventMessage.asEventMessage(
                new CoalitionFoundedEvent(ID, "Coalition", LocalDate.of(2020, 1, 15), List.of("WWF")));
        EventMessage<TakedownBatchRecordedEvent> before = batch("before", 10);
        EventMessage<TakedownBatchRecordedEvent> poison = batch("poison", 200);

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        projection.on(founded.getPayload(), founded);
        projection.on(before.getPayload(), before);
        // Folded, then another handler of the processing group fails on it: Axon asks the policy, which parks it.
        projection.on(poison.getPayload(), poison);
        EnqueueDecision<EventMessage<?>> decision = new ViewsDeadLetterPolicy().decide(
                new GenericDeadLetter<>("coalition:" + ID, poison), new IllegalStateException("poison"));
        unitOfWork.commit();

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(saved).singleElement().satisfies(entity -> {
            assertThat(entity.eventsFolded()).isEqualTo(2);
            YearOverYearView view = FoldJson.read(entity.state()).yearOverYear(YearBasis.COALITION_YEAR);
            assertThat(view.rows().get(view.rows().size() - 1).cumulative().listingsRemoved()).isEqualTo(10);
        });
    }
}
