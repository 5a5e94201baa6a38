package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.FoldSnapshot.RecordState;
import org.coalitionledger.api.view.FoldSnapshot.StintState;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.RestatementView;
import org.coalitionledger.api.view.YearBasis;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projection folds each event onto only the slice of state it touches ({@link SliceChange}) and processes the
 * streams (the coalition's own, each record's) on several segments at once. Whatever order the streams interleave
 * in, the stored slices must give the views the pure fold gives over the whole history in store order, here with a
 * membership correction that moves a batch already recorded to another region, a member that leaves and joins again,
 * corrections and a retraction.
 */
class SliceChangeTest {

    private static final String ID = "slices";
    private static final LocalDate FOUNDED = LocalDate.of(2018, 3, 7);

    /** An event of the history, its stream and its global index. */
    private record Stored(String stream, long position, LedgerEntry entry) {
    }

    private static List<Stored> history() {
        List<Object[]> facts = List.of(
                new Object[]{ID, new CoalitionFoundedEvent(ID, "Slices", FOUNDED, List.of("WWF"))},
                new Object[]{ID, new MemberJoinedEvent(ID, "alibaba", true, true, "Alibaba", "CN", "Asia",
                        "e-commerce", FOUNDED, null)},
                new Object[]{"record:b1", batch("b1", "alibaba", LocalDate.of(2018, 6, 30), 100)},
                new Object[]{ID, new MemberJoinedEvent(ID, "ebay", false, true, "eBay", "US", "North America",
                        "e-commerce", LocalDate.of(2018, 5, 1), null)},
                new Object[]{"record:b2", batch("b2", "ebay", LocalDate.of(2018, 9, 30), 20)},
                new Object[]{ID, new MembershipCorrectedEvent(ID, "alibaba", true, "Alibaba Group", "CN", "Africa",
                        "marketplace", FOUNDED, null, "wrong region")},
                new Object[]{"record:b1", new TakedownBatchCorrectedEvent(ID, "b1", 110, 1, 0, "recount")},
                new Object[]{ID, new MemberLeftEvent(ID, "alibaba", LocalDate.of(2019, 1, 1), "left")},
                new Object[]{"record:a1", new ArrestRecordedEvent(ID, "a1", LocalDate.of(2019, 2, 1), 12, "CN",
                        "police", "scope", "source")},
                new Object[]{"record:a1", new ArrestRecordCorrectedEvent(ID, "a1", 13, "recount")},
                new Object[]{ID, new MemberJoinedEvent(ID, "alibaba", false, true, "Alibaba", "CN", "Europe",
                        "search", LocalDate.of(2019, 6, 1), "back")},
                new Object[]{"record:b3", batch("b3", "alibaba", LocalDate.of(2019, 8, 31), 7)},
                new Object[]{ID, new GoalSetEvent(ID, "g", "halve", GoalMetric.LISTINGS_REMOVED, 1000L,
                        new BigDecimal("50"), LocalDate.of(2020, 12, 31), FOUNDED)},
                new Object[]{"record:c1", new ConfiscationRecordedEvent(ID, "c1", LocalDate.of(2019, 3, 6),
                        new BigDecimal("18000000.00"), "CNY", new BigDecimal("6.7202"), LocalDate.of(2019, 3, 1),
                        "rate", "CN", "scope", "source")},
                new Object[]{"record:b2", new RecordRetractedEvent(ID, "b2", "double counted")},
                new Object[]{ID, new MembershipCorrectedEvent(ID, "alibaba", true, "Alibaba", "CN", "Asia",
                        "search", LocalDate.of(2019, 6, 1), null, "second stint's region")});
        List<Stored> stored = new ArrayList<>();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < facts.size(); i++) {
            t = t.plusSeconds(1);
            stored.add(new Stored((String) facts.get(i)[0], 100 + i,
                    new LedgerEntry(facts.get(i)[1], t, "admin", "event-" + i)));
        }
        return stored;
    }

    private static TakedownBatchRecordedEvent batch(String id, String member, LocalDate end, long listings) {
        return new TakedownBatchRecordedEvent(ID, id, new TakedownBatchRecordedEvent.ReportedBy(ReporterType.MEMBER, member, null), end.minusDays(30), end,
                listings, 2, 3, List.of("ivory"), "scope", "source");
    }

    @Test
    void streamsInterleavedInAnyOrder_storeTheSlicesThatGiveThePureFoldsViews() {
        List<Stored> history = history();
        CoalitionLedgerFold reference = new CoalitionLedgerFold(ID);
        history.forEach(s -> reference.apply(s.entry()));
        Map<String, Object> expected = views(reference);

        Random random = new Random(20180307);
        for (int run = 0; run < 200; run++) {
            Rows rows = new Rows();
            interleaved(history, random).forEach(rows::fold);
            assertThat(views(CoalitionLedgerFold.restore(rows.snapshot()))).as("interleaving %d", run)
                    .isEqualTo(expected);
        }
    }

    /** The streams' events in a random interleaving that keeps each stream's own order. */
    private static List<Stored> interleaved(List<Stored> history, Random random) {
        Map<String, List<Stored>> byStream = new LinkedHashMap<>();
        history.forEach(s -> byStream.computeIfAbsent(s.stream(), k -> new ArrayList<>()).add(s));
        List<Stored> order = new ArrayList<>();
        while (!byStream.isEmpty()) {
            List<String> streams = new ArrayList<>(byStream.keySet());
            String stream = streams.get(random.nextInt(streams.size()));
            List<Stored> queue = byStream.get(stream);
            order.add(queue.remove(0));
            if (queue.isEmpty()) {
                byStream.remove(stream);
            }
        }
        return order;
    }

    private static Map<String, Object> views(CoalitionLedgerFold fold) {
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("coalition", fold.coalition());
        for (YearBasis basis : YearBasis.values()) {
            views.put(basis.name(), fold.yearOverYear(basis));
        }
        for (LocalDate day = FOUNDED; day.isBefore(LocalDate.of(2020, 1, 1)); day = day.plusDays(30)) {
            views.put("members " + day, fold.membership(day));
        }
        views.put("goals", fold.goalProgress());
        views.put("restatements", new RestatementTrailView(ID, fold.restatements()));
        return views;
    }

    /** The view tables in memory, written as the projection writes them and read back in their order. */
    private static final class Rows {
        CoalitionFoundedEvent founding;
        final Map<String, TreeMap<Integer, Positioned<StintState>>> stints = new HashMap<>();
        final Map<String, Positioned<GoalSetEvent>> goals = new HashMap<>();
        final Map<String, Positioned<RecordState>> records = new HashMap<>();
        final TreeMap<Long, RestatementView> restatements = new TreeMap<>();

        record Positioned<T>(long position, String key, int number, T state) {
        }

        void fold(Stored stored) {
            Object payload = stored.entry().payload();
            String member = payload instanceof MemberJoinedEvent e ? e.memberId()
                    : payload instanceof MemberLeftEvent e ? e.memberId()
                    : payload instanceof MembershipCorrectedEvent e ? e.memberId() : null;
            String goal = payload instanceof GoalSetEvent e ? e.goalId() : null;
            String record = stored.stream().startsWith("record:") ? stored.stream().substring(7) : null;
            FoldSnapshot before = new FoldSnapshot(ID,
                    payload instanceof CoalitionFoundedEvent ? founding : null,
                    member == null ? List.of() : stints.getOrDefault(member, new TreeMap<>()).values().stream()
                            .map(Positioned::state).toList(),
                    goal == null || !goals.containsKey(goal) ? List.of() : List.of(goals.get(goal).state()),
                    record == null || !records.containsKey(record) ? List.of() : List.of(records.get(record).state()),
                    List.of());
            SliceChange change = SliceChange.of(before, stored.entry());
            long position = stored.position();
            if (change.newFounding() != null) {
                founding = change.newFounding();
            }
            for (SliceChange.NumberedStint n : change.changedStints()) {
                var own = stints.computeIfAbsent(n.stint().joined().memberId(), k -> new TreeMap<>());
                Positioned<StintState> was = own.get(n.stintNo());
                own.put(n.stintNo(), new Positioned<>(was == null ? position : was.position(),
                        n.stint().joined().memberId(), n.stintNo(), n.stint()));
            }
            if (change.newGoal() != null) {
                goals.put(change.newGoal().goalId(), new Positioned<>(position, change.newGoal().goalId(), 0,
                        change.newGoal()));
            }
            for (RecordState r : change.changedRecords()) {
                Positioned<RecordState> was = records.get(r.recordId());
                records.put(r.recordId(), new Positioned<>(was == null ? position : was.position(), r.recordId(), 0,
                        r));
            }
            for (RestatementView restatement : change.newRestatements()) {
                assertThat(restatements.put(position, restatement)).as("one restatement per event").isNull();
            }
        }

        /** Read back like {@code ViewRows}: by position, then key and number. */
        FoldSnapshot snapshot() {
            Comparator<Positioned<?>> order = Comparator.<Positioned<?>>comparingLong(Positioned::position)
                    .thenComparing(Positioned::key).thenComparingInt(Positioned::number);
            List<Positioned<StintState>> allStints = new ArrayList<>();
            stints.values().forEach(own -> allStints.addAll(own.values()));
            allStints.sort(order);
            List<Positioned<GoalSetEvent>> allGoals = new ArrayList<>(goals.values());
            allGoals.sort(order);
            List<Positioned<RecordState>> allRecords = new ArrayList<>(records.values());
            allRecords.sort(order);
            return new FoldSnapshot(ID, founding, allStints.stream().map(Positioned::state).toList(),
                    allGoals.stream().map(Positioned::state).toList(),
                    allRecords.stream().map(Positioned::state).toList(), List.copyOf(restatements.values()));
        }
    }
}
