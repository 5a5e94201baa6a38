package org.coalitionledger.views;

import org.coalitionledger.support.LogCatchUp;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.FoundingMember;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Gateways and small builders shared by the view tests; every coalition a test makes has a fresh id. */
abstract class ViewsTestSupport {

    static final LocalDate FOUNDED_ON = LocalDate.of(2018, 3, 7);
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String ACTOR = "views-test@coalition-ledger";

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queryGateway;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Waits until the verifiable log holds every stored event ({@link LogCatchUp}). */
    void logCaughtUp() {
        LogCatchUp.await(jdbc);
    }

    <R> R send(Object command) {
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(LedgerMetadata.ACTOR, ACTOR, LedgerMetadata.ACTOR_ROLE, "ADMIN")));
    }

    <R> R query(Object query, Class<R> type) {
        return queryGateway.query(query, ResponseTypes.instanceOf(type)).join();
    }

    /**
     * Polls until {@code probe} returns a value {@code done} accepts, and returns that value. A probe that fails an
     * assertion (a view read while the projection has not yet folded a just-founded coalition answers 404) is tried
     * again; on timeout the last failure is reported.
     */
    static <T> T eventually(Callable<T> probe, java.util.function.Predicate<T> done) {
        @SuppressWarnings("unchecked")
        T[] last = (T[]) new Object[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(AssertionError.class).until(() -> {
            last[0] = probe.call();
            return last[0] != null && done.test(last[0]);
        });
        return last[0];
    }

    /** Founds a coalition on 2018-03-07 with two founding members and returns its fresh id. */
    String foundCoalition() {
        String id = "views-" + UUID.randomUUID();
        send(new FoundCoalitionCommand(id, "View test coalition", FOUNDED_ON, List.of("WWF"),
                List.of(new FoundingMember("acme", "Acme", "US", "North America", "e-commerce"),
                        new FoundingMember("globex", "Globex", "CN", "Asia", "search")),
                new Goal("halve-by-2020", "Halve online trafficking by 2020", GoalMetric.LISTINGS_REMOVED, 1_000L,
                        new BigDecimal("50"), LocalDate.of(2020, 12, 31))));
        return id;
    }

    void recordListings(String coalitionId, String batchId, LocalDate start, LocalDate end, long listings) {
        send(new RecordTakedownBatchCommand(coalitionId, batchId, new Reporter(ReporterType.NGO, null, "Test NGO"),
                start, end, listings, 0L, 0L, List.of("ivory"), "test scope", "test source"));
    }

    void recordArrests(String coalitionId, String recordId, LocalDate date, long count) {
        send(new RecordArrestCommand(coalitionId, recordId, date, count, "CN", "Test agency", "test scope",
                "test source"));
    }

    static Optional<YearRow> row(YearOverYearView view, LocalDate start) {
        return view.rows().stream().filter(r -> r.start().equals(start)).findFirst();
    }

    static YearRow rowContaining(YearOverYearView view, LocalDate day) {
        return view.rows().stream().filter(r -> !r.start().isAfter(day) && !r.end().isBefore(day)).findFirst()
                .orElseThrow(() -> new AssertionError("no row contains " + day + " in " + view.rows()));
    }

    /** Waits until every segment of the processor is claimed, caught up and done replaying. */
    void awaitCaughtUp(String processorName) {
        StreamingEventProcessor processor = processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            double claimed = status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
            assertThat(claimed).as("share of segments claimed").isCloseTo(1.0, within(1e-9));
            // A replaying segment whose position has reached the reset position has replayed everything: Axon
            // only drops the replay flag at the next event after it.
            assertThat(status.values()).as("caught up, replay done, not failed").allSatisfy(s -> assertThat(List.of(
                            s.isCaughtUp(), s.isErrorState(), !s.isReplaying() || s.getCurrentPosition().orElse(-1)
                                    >= s.getResetPosition().orElse(Long.MAX_VALUE)))
                    .as("segment %s", s).containsExactly(true, false, true));
        });
    }
}
