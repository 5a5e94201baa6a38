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
import org.coalitionledger.api.coalition.CorrectMembershipCommand;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.coalition.SetGoalCommand;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RetractRecordCommand;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.view.CoalitionListView;
import org.coalitionledger.api.view.CoalitionView;
import org.coalitionledger.api.view.FindCoalitionsQuery;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * Every founded coalition, by id, read a few at a time: each page holds at most the asked limit and names the
     * next one while more follow.
     */
    List<CoalitionView> everyCoalition() {
        int limit = 3;
        List<CoalitionView> all = new ArrayList<>();
        String after = null;
        do {
            CoalitionListView page = query(new FindCoalitionsQuery(after, limit), CoalitionListView.class);
            assertThat(page.coalitions()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.coalitions());
            after = page.next();
        } while (after != null);
        return all;
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

    /** Sends random commands for one coalition; the ledger's rules reject some, which is part of the test. */
    final class RandomHistory {
        private final String id;
        private final java.util.Random random;
        private final List<String> members = new ArrayList<>(List.of("acme", "globex"));
        private final List<String> records = new ArrayList<>();
        private final Map<String, String> kinds = new LinkedHashMap<>();
        private final List<String> regions = List.of("Africa", "Asia", "Europe", "North America");
        private final List<String> sectors = List.of("e-commerce", "search", "social", "classifieds");
        private final List<String> categories = List.of("ivory", "pangolin", "rhino horn", "tiger", "reptiles");

        RandomHistory(String id, java.util.Random random) {
            this.id = id;
            this.random = random;
        }

        int record(int commands) {
            int accepted = 0;
            for (int i = 0; i < commands; i++) {
                try {
                    send(next(i));
                    accepted++;
                } catch (RuntimeException rejected) {
                    // A rule said no: nothing was recorded, and the views must not show anything of it either.
                }
            }
            return accepted;
        }

        private LocalDate day() {
            return FOUNDED_ON.plusDays(random.nextInt(1200));
        }

        private <T> T any(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private long figure() {
            return random.nextInt(5) == 0 ? 0 : random.nextInt(100_000);
        }

        private Object next(int i) {
            int pick = random.nextInt(100);
            if (pick < 10) {
                String member = random.nextInt(3) == 0 ? any(members) : "m" + random.nextInt(8);
                if (!members.contains(member)) {
                    members.add(member);
                }
                boolean disclosed = random.nextInt(5) != 0;
                return new JoinCoalitionCommand(id, member, disclosed, disclosed ? "Company " + member : null,
                        disclosed ? "KE" : null, disclosed ? any(regions) : null, disclosed ? any(sectors) : null,
                        day(), null);
            }
            if (pick < 16) {
                return new LeaveCoalitionCommand(id, any(members), day(), "left");
            }
            if (pick < 22) {
                LocalDate joined = day();
                return new CorrectMembershipCommand(id, any(members), "Renamed " + i, "FR", any(regions),
                        any(sectors), joined, random.nextBoolean() ? null : joined.plusDays(1 + random.nextInt(400)),
                        "membership fix");
            }
            if (pick < 26) {
                GoalMetric metric = any(List.of(GoalMetric.values()));
                return new SetGoalCommand(id, new Goal("goal-" + random.nextInt(4), "Goal " + i, metric,
                        1_000L + random.nextInt(100_000), new BigDecimal(random.nextInt(100) + ".5"),
                        day().plusYears(1)), day());
            }
            if (pick < 50) {
                String batch = "batch-" + i;
                LocalDate end = day();
                Reporter reporter = random.nextInt(4) == 0 ? new Reporter(ReporterType.NGO, null, "Some NGO")
                        : new Reporter(ReporterType.MEMBER, any(members), null);
                List<String> named = random.nextInt(4) == 0 ? List.of()
                        : List.of(any(categories), any(categories));
                recorded(batch, "batch");
                return new RecordTakedownBatchCommand(id, batch, reporter, end.minusDays(random.nextInt(60)), end,
                        figure(), figure(), figure(), named.stream().distinct().toList(), "scope", "source");
            }
            if (pick < 60) {
                String record = "arrest-" + i;
                recorded(record, "arrest");
                return new RecordArrestCommand(id, record, day(), 1L + random.nextInt(50), "CN", "Police", "scope",
                        "source");
            }
            if (pick < 68) {
                String record = "confiscation-" + i;
                recorded(record, "confiscation");
                return new RecordConfiscationCommand(id, record, day(),
                        new BigDecimal(random.nextInt(1_000_000) + "." + (10 + random.nextInt(90))), "CNY",
                        new BigDecimal("6.7202"), LocalDate.of(2019, 3, 1), "PBOC", "CN", "scope", "source");
            }
            if (records.isEmpty()) {
                return new RecordArrestCommand(id, "arrest-" + i, day(), 1L, "CN", "Police", "scope", "source");
            }
            String record = any(records);
            if (pick < 92) {
                return switch (kinds.get(record)) {
                    case "batch" -> new CorrectRecordCommand(id, record, figure(), figure(), figure(), null, null,
                            null, null, null, "recount");
                    case "arrest" -> new CorrectRecordCommand(id, record, null, null, null,
                            (long) random.nextInt(60), null, null, null, null, "recount");
                    default -> new CorrectRecordCommand(id, record, null, null, null, null,
                            new BigDecimal(random.nextInt(1_000_000) + ".00"), new BigDecimal("6.9"),
                            LocalDate.of(2020, 1, 2), "PBOC", "recount");
                };
            }
            return new RetractRecordCommand(id, record, "withdrawn");
        }

        private void recorded(String record, String kind) {
            records.add(record);
            kinds.put(record, kind);
        }
    }
}
