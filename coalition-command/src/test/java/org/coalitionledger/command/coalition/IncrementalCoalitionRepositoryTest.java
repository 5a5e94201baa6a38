package org.coalitionledger.command.coalition;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberReportFiledEvent;
import org.coalitionledger.command.config.IncrementalEventSourcingRepository;
import org.coalitionledger.command.rules.ReporterNotAMemberForPeriod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coalitions' repository on Axon's embedded event store: a member's report must not cost a read of every report
 * filed before it, and keeping the coalition between commands must never let a stale or rolled-back state decide one.
 */
class IncrementalCoalitionRepositoryTest {

    private static final String ID = "kept";
    private static final LocalDate FOUNDED = LocalDate.parse("2018-03-07");

    private EventStoreCoalitionFactsTest.CountingEngine engine;
    private EmbeddedEventStore store;
    private Repository<Coalition> node;

    @BeforeEach
    void setUp() {
        engine = new EventStoreCoalitionFactsTest.CountingEngine();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        node = IncrementalEventSourcingRepository.of(Coalition.class, store);
        List<Object> founding = List.of(new CoalitionFoundedEvent(ID, "Kept", FOUNDED, List.of("WWF")),
                new MemberJoinedEvent(ID, "acme", true, true, "Acme", "CN", "Asia", "Internet", FOUNDED, null));
        for (int i = 0; i < founding.size(); i++) {
            store.publish(new GenericDomainEventMessage<>("Coalition", ID, i, founding.get(i)));
        }
    }

    @Test
    void aMembersReport_readsOnlyTheEventsAppendedSinceTheLastCommand_notEveryEarlierReport() {
        for (int i = 0; i < 200; i++) {
            fileReport(node, "batch-" + i, FOUNDED.plusDays(i));
        }
        int readBefore = engine.eventsRead;

        fileReport(node, "batch-200", FOUNDED.plusDays(200));

        assertThat(engine.eventsRead - readBefore).isZero();
        assertThat(engine.readsFrom.get(engine.readsFrom.size() - 1)).isEqualTo(202L);
        assertThat(reportsFiled()).hasSize(201).last().extracting(MemberReportFiledEvent::recordId)
                .isEqualTo("batch-200");
    }

    @Test
    void anotherNodesAppend_isFoldedInBeforeTheCommandDecides() {
        Repository<Coalition> otherNode = IncrementalEventSourcingRepository.of(Coalition.class, store);
        fileReport(node, "batch-1", FOUNDED.plusDays(1));

        inUnitOfWork(otherNode, c -> c.handle(new LeaveCoalitionCommand(ID, "acme", FOUNDED.plusDays(10), "left")));

        assertThatThrownBy(() -> fileReport(node, "batch-2", FOUNDED.plusDays(20)))
                .isInstanceOf(ReporterNotAMemberForPeriod.class);
        assertThat(reportsFiled()).extracting(MemberReportFiledEvent::recordId).containsExactly("batch-1");
    }

    @Test
    void aChangeRolledBack_isForgotten_whileARefusedCommand_keepsTheCoalition() {
        fileReport(node, "batch-1", FOUNDED.plusDays(1));

        // The report is applied, then its unit of work rolls back (as when the commit fails): nothing was stored.
        UnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(null);
        node.load(ID).execute(c -> c.fileMemberReport("acme", "batch-2", FOUNDED, FOUNDED.plusDays(2)));
        failed.rollback();

        fileReport(node, "batch-2", FOUNDED.plusDays(2));
        assertThat(reportsFiled()).extracting(MemberReportFiledEvent::recordId).containsExactly("batch-1", "batch-2");

        // A refused report changes nothing: the next command still reads only what was appended since.
        assertThatThrownBy(() -> inUnitOfWork(node,
                c -> c.fileMemberReport("nobody", "refused", FOUNDED, FOUNDED.plusDays(1))))
                .isInstanceOf(ReporterNotAMemberForPeriod.class);
        int readBefore = engine.eventsRead;
        fileReport(node, "batch-3", FOUNDED.plusDays(3));
        assertThat(engine.eventsRead - readBefore).isZero();
        assertThat(reportsFiled()).hasSize(3);
    }

    private void fileReport(Repository<Coalition> repository, String recordId, LocalDate periodEnd) {
        inUnitOfWork(repository, c -> c.fileMemberReport("acme", recordId, FOUNDED, periodEnd));
    }

    /** Runs {@code command} on the loaded coalition in a unit of work of its own, as the command bus would. */
    private static void inUnitOfWork(Repository<Coalition> repository, Consumer<Coalition> command) {
        ResultMessage<?> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            repository.load(ID).execute(command);
            return null;
        });
        if (result.isExceptional() && result.exceptionResult() instanceof RuntimeException e) {
            throw e;
        }
        assertThat(result.isExceptional()).as("unexpected failure: %s", result).isFalse();
    }

    private List<MemberReportFiledEvent> reportsFiled() {
        return store.readEvents(ID).asStream().map(DomainEventMessage::getPayload)
                .filter(MemberReportFiledEvent.class::isInstance).map(MemberReportFiledEvent.class::cast).toList();
    }
}
