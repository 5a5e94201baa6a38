package org.coalitionledger.web.api;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.web.commands.RecordStreams;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a write reports without reading the event store back: the events its command committed, with this
 * request's id, counted against the store's reads. A local command bus and an in-memory event store stand in for
 * the application's (the same Axon classes, without the aggregates).
 */
class LedgerWriterTest {

    private static final String RECORD = "record:cewto:arrests-1";
    private static final Caller CALLER = new Caller("alice", "ADMIN", "bootstrap:ADMIN", "bootstrap-token", "unused",
            null, null);

    /** The storage engine, counting stream reads and version lookups (this engine finds a version by a read). */
    static class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger streamReads = new AtomicInteger();
        final AtomicInteger versionReads = new AtomicInteger();
        private final ThreadLocal<Boolean> readingVersion = ThreadLocal.withInitial(() -> false);

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            if (!readingVersion.get()) {
                streamReads.incrementAndGet();
            }
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            versionReads.incrementAndGet();
            readingVersion.set(true);
            try {
                return super.lastSequenceNumberFor(aggregateIdentifier);
            } finally {
                readingVersion.set(false);
            }
        }
    }

    private CountingEngine engine;
    private EmbeddedEventStore store;
    private SimpleCommandBus bus;
    private LedgerWriter writer;
    private long sequence;

    @BeforeEach
    void setUp() {
        engine = new CountingEngine();
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        bus = SimpleCommandBus.builder().build();
        writer = new LedgerWriter(DefaultCommandGateway.builder().commandBus(bus).build(), store, new RecordStreams(store),
                Duration.ofSeconds(10));
        sequence = 0;
    }

    @Test
    void sendAndWait_reportsTheCommittedEventsInStreamOrder_withoutReadingTheStore() throws Exception {
        handle(command -> {
            // The coalition's event first, as a member's report files it before the record's own event.
            publish("cewto", 7, "filed", command);
            publish(RECORD, sequence++, "recorded", command);
            publish("record:other", 0, "another stream", command);
            return null;
        });

        LedgerWriter.Recorded recorded = writer.sendAndWait(arrest(), CALLER, "req-1");

        var stored = store.readEvents(RECORD).asStream().toList();
        var filed = store.readEvents("cewto").asStream().toList();
        assertThat(recorded.eventIds()).containsExactly(stored.get(0).getIdentifier(), filed.get(0).getIdentifier());
        assertThat(recorded.version()).isZero();
        assertThat(engine.streamReads.get()).isEqualTo(2); // the two reads of this test, none by the writer
        assertThat(engine.versionReads.get()).isZero();
    }

    @Test
    void sendAndWait_reportsNothingForARepeat_andReadsOnlyTheVersion() throws Exception {
        handle(command -> {
            publish(RECORD, sequence++, "recorded", command);
            return null;
        });
        writer.sendAndWait(arrest(), CALLER, "req-1");
        handle(command -> null); // the repeat: the aggregate records nothing

        LedgerWriter.Recorded repeat = writer.sendAndWait(arrest(), CALLER, "req-2");

        assertThat(repeat.eventIds()).isEmpty();
        assertThat(repeat.version()).isZero();
        // One read resolves the record's stream (is there an old-style "record:arrests-1" of this coalition?), one
        // reads its version: nothing else.
        assertThat(engine.streamReads.get()).isEqualTo(1);
        assertThat(engine.versionReads.get()).isEqualTo(1);
    }

    @Test
    void sendAndWait_reportsOnlyThisRequestsEvents() throws Exception {
        handle(command -> {
            publish(RECORD, sequence++, "recorded", command);
            store.publish(new GenericDomainEventMessage<>("FigureRecord", RECORD, sequence++, "another request's",
                    MetaData.with(LedgerMetadata.REQUEST_ID, "req-other")));
            return null;
        });

        LedgerWriter.Recorded recorded = writer.sendAndWait(arrest(), CALLER, "req-1");

        assertThat(recorded.eventIds()).hasSize(1)
                .containsExactly(store.readEvents(RECORD).asStream().toList().get(0).getIdentifier());
        assertThat(recorded.version()).isZero();
    }

    @Test
    void sendAndWait_rejected_whenTheCommandFails_andReportsNoRolledBackEvent() throws Exception {
        handle(command -> {
            publish(RECORD, sequence++, "rolled back", command);
            throw new IllegalStateException("refused after publishing");
        });

        assertThatThrownBy(() -> writer.sendAndWait(arrest(), CALLER, "req-1"))
                .hasRootCauseMessage("refused after publishing");
        assertThat(store.readEvents(RECORD).asStream()).isEmpty();

        sequence = 0;
        handle(command -> null);
        assertThat(writer.sendAndWait(arrest(), CALLER, "req-1").eventIds()).isEmpty();
    }

    private void handle(Function<CommandMessage<?>, Object> handler) {
        bus.subscribe(RecordArrestCommand.class.getName(), handler::apply);
    }

    private void publish(String stream, long seq, String payload, CommandMessage<?> command) {
        store.publish(new GenericDomainEventMessage<>("FigureRecord", stream, seq, payload,
                MetaData.with(LedgerMetadata.REQUEST_ID, command.getMetaData().get(LedgerMetadata.REQUEST_ID))));
    }

    private static RecordArrestCommand arrest() {
        return new RecordArrestCommand("cewto", "arrests-1", LocalDate.parse("2020-06-01"), 12L, "CN", "Police",
                "s", "test");
    }
}
