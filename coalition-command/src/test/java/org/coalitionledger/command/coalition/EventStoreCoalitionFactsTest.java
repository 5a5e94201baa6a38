package org.coalitionledger.command.coalition;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MemberReportFiledEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreCoalitionFactsTest {

    private static final String ID = "facts";
    private static final LocalDate FOUNDED = LocalDate.parse("2018-03-07");

    /** The storage engine, recording where each stream read starts and how many events it returns. */
    static class CountingEngine extends InMemoryEventStorageEngine {
        final List<Long> readsFrom = new ArrayList<>();
        int eventsRead;

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            readsFrom.add(firstSequenceNumber);
            var events = super.readEvents(aggregateIdentifier, firstSequenceNumber).asStream().toList();
            eventsRead += events.size();
            return DomainEventStream.of(events);
        }
    }

    private CountingEngine engine;
    private EmbeddedEventStore store;
    private EventStoreCoalitionFacts facts;
    private long sequence;

    @BeforeEach
    void setUp() {
        engine = new CountingEngine();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        facts = new EventStoreCoalitionFacts(store);
        sequence = 0;
    }

    @Test
    void find_readsOnlyTheEventsAfterTheLastRead_andStillSeesThem() {
        append(new CoalitionFoundedEvent(ID, "Facts", FOUNDED, List.of("WWF")), joined("acme"));
        for (int i = 0; i < 50; i++) {
            append(new MemberReportFiledEvent(ID, "acme", "batch-" + i, FOUNDED, FOUNDED.plusDays(1)));
        }
        assertThat(facts.find(ID).orElseThrow().memberThroughout("acme", FOUNDED, FOUNDED.plusYears(1))).isTrue();
        assertThat(engine.eventsRead).isEqualTo(52);

        append(new MemberLeftEvent(ID, "acme", FOUNDED.plusMonths(6), "left"));
        MembershipHistory afterLeaving = facts.find(ID).orElseThrow();

        assertThat(afterLeaving.memberThroughout("acme", FOUNDED, FOUNDED.plusYears(1))).isFalse();
        assertThat(engine.readsFrom).containsExactly(0L, 52L);
        assertThat(engine.eventsRead).isEqualTo(53);

        facts.find(ID);
        assertThat(engine.readsFrom).containsExactly(0L, 52L, 53L);
        assertThat(engine.eventsRead).isEqualTo(53);
    }

    @Test
    void find_handsOutACopy_soACallerCannotChangeTheKeptFold() {
        append(new CoalitionFoundedEvent(ID, "Facts", FOUNDED, List.of("WWF")), joined("acme"));
        MembershipHistory first = facts.find(ID).orElseThrow();

        first.apply(new MemberLeftEvent(ID, "acme", FOUNDED.plusDays(1), "changed by the caller"));

        assertThat(facts.find(ID).orElseThrow().memberThroughout("acme", FOUNDED, FOUNDED.plusYears(1))).isTrue();
    }

    @Test
    void find_isEmptyForAnUnfoundedCoalition_andSeesItOnceFounded() {
        assertThat(facts.find(ID)).isEmpty();

        append(new CoalitionFoundedEvent(ID, "Facts", FOUNDED, List.of("WWF")));

        assertThat(facts.find(ID).orElseThrow().foundedOn()).isEqualTo(FOUNDED);
        assertThat(engine.readsFrom).containsExactly(0L, 0L);
    }

    private static MemberJoinedEvent joined(String memberId) {
        return new MemberJoinedEvent(ID, memberId, true, true, memberId, "CN", "Asia", "Internet", FOUNDED, null);
    }

    private void append(Object... payloads) {
        for (Object payload : payloads) {
            store.publish(new GenericDomainEventMessage<>("Coalition", ID, sequence++, payload));
        }
    }
}
