package org.coalitionledger.views;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.coalition.CorrectMembershipCommand;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.SetGoalCommand;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.RetractRecordCommand;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.coalitionledger.query.views.ViewGenerations;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.view.CoalitionView;
import org.coalitionledger.api.view.FigureName;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.GoalProgressView;
import org.coalitionledger.api.view.MembershipView;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.RestatementType;
import org.coalitionledger.api.view.ViewsRebuild;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The coalition views projection on the real event store, for coalitions each test founds afresh. */
abstract class CoalitionViewsContract extends ViewsTestSupport {

    /** The processor of the coalition views, as published for operators (coalition-query's ProcessingGroups). */
    private static final String VIEWS_PROCESSOR = "coalition-views";
    private static final LocalDate MARCH_6_2019 = LocalDate.of(2019, 3, 6);
    private static final LocalDate MARCH_7_2019 = LocalDate.of(2019, 3, 7);

    private YearOverYearView yearOverYear(String coalitionId, YearBasis basis, Instant recordedAt) {
        return query(new FindYearOverYearQuery(coalitionId, basis, recordedAt), YearOverYearView.class);
    }

    @Test
    void liveYearOverYear_ofAnUnchangedCoalition_isComputedOnce_andEveryCommittedChangeIsSeen() {
        String id = foundCoalition();
        recordListings(id, "computed-once-1", LocalDate.of(2019, 5, 1), LocalDate.of(2019, 6, 30), 700);
        YearOverYearView first = eventually(() -> yearOverYear(id, YearBasis.CALENDAR_YEAR, null),
                v -> v.rows().stream().mapToLong(r -> r.figures().listingsRemoved()).sum() == 700);
        assertThat(yearOverYear(id, YearBasis.CALENDAR_YEAR, null)).as("the same answer, from memory")
                .isSameAs(first);
        assertThat(yearOverYear(id, YearBasis.COALITION_YEAR, null)).as("another basis, another answer")
                .isNotSameAs(first);

        recordListings(id, "computed-once-2", LocalDate.of(2020, 5, 1), LocalDate.of(2020, 6, 30), 300);
        YearOverYearView changed = eventually(() -> yearOverYear(id, YearBasis.CALENDAR_YEAR, null),
                v -> v.rows().stream().mapToLong(r -> r.figures().listingsRemoved()).sum() == 1000);
        assertThat(changed).isNotSameAs(first);
        assertThat(yearOverYear(id, YearBasis.CALENDAR_YEAR, null)).isSameAs(changed);
    }

    @Test
    void aLiveRead_seesOneStateOfTheRows_whateverCommitsWhileItReads() {
        String id = foundCoalition();
        eventually(() -> query(new FindCoalitionQuery(id, null), CoalitionView.class), v -> true);
        String count = "select change_count from coalition_view_founding where generation = ? and coalition_id = ?";
        long[] seen = generations.readPublished(generation -> {
            long first = jdbc.queryForObject(count, Long.class, generation, id);
            // Another transaction commits meanwhile, as a rebuild's switch-over deletes the old copy.
            CompletableFuture.runAsync(() -> jdbc.update("update coalition_view_founding set change_count = "
                    + "change_count + 1000 where generation = ? and coalition_id = ?", generation, id)).join();
            return new long[]{generation, first, jdbc.queryForObject(count, Long.class, generation, id)};
        });
        assertThat(seen[2]).as("read again in the same read").isEqualTo(seen[1]);
        // After it, the other transaction's change shows (the projection may have counted more of its own since).
        assertThat(jdbc.queryForObject(count, Long.class, seen[0], id)).as("after it")
                .isGreaterThanOrEqualTo(seen[1] + 1000);
    }

    @Test
    void figureRecordedToday_forA2019Period_countsInIts2019BusinessYear() {
        String id = foundCoalition();
        Instant recordedFrom = Instant.now();
        recordListings(id, "mid-2019", LocalDate.of(2019, 5, 1), LocalDate.of(2019, 6, 30), 700);
        int recordYear = recordedFrom.atZone(ZoneOffset.UTC).getYear();
        assertThat(recordYear).as("the record time lies in another year than the business date").isNotEqualTo(2019);

        for (YearBasis basis : YearBasis.values()) {
            YearOverYearView view = eventually(() -> yearOverYear(id, basis, null),
                    v -> v.rows().stream().anyMatch(r -> r.figures().listingsRemoved() == 700));
            YearRow year = rowContaining(view, LocalDate.of(2019, 6, 30));
            assertThat(year.figures().listingsRemoved()).as(basis.name()).isEqualTo(700);
            assertThat(year.byCategory()).containsOnlyKeys("ivory");
            // Years are cut by business time: no row reaches the year the figure was recorded in.
            assertThat(view.rows()).as(basis.name())
                    .allSatisfy(r -> assertThat(r.end().getYear()).isLessThan(recordYear));
        }
        assertThat(rowContaining(yearOverYear(id, YearBasis.CALENDAR_YEAR, null), LocalDate.of(2019, 1, 1)).label())
                .isEqualTo("2019");
        assertThat(rowContaining(yearOverYear(id, YearBasis.COALITION_YEAR, null), LocalDate.of(2019, 6, 30))
                .label()).isEqualTo("2019-03-07/2020-03-06");
    }

    @Test
    void sixthAndSeventhOfMarch_splitCoalitionYears_butShareACalendarYear() {
        String id = foundCoalition();
        recordListings(id, "ends-6-march", LocalDate.of(2019, 2, 1), MARCH_6_2019, 6);
        recordListings(id, "ends-7-march", LocalDate.of(2019, 2, 1), MARCH_7_2019, 70);
        recordArrests(id, "arrests-6-march", MARCH_6_2019, 1);
        recordArrests(id, "arrests-7-march", MARCH_7_2019, 10);

        YearOverYearView coalitionYears = eventually(() -> yearOverYear(id, YearBasis.COALITION_YEAR, null),
                v -> v.rows().size() == 2 && v.rows().get(1).figures().arrests() == 10);
        assertThat(coalitionYears.rows()).extracting(YearRow::label)
                .containsExactly("2018-03-07/2019-03-06", "2019-03-07/2020-03-06");
        assertThat(coalitionYears.rows().get(0).figures().listingsRemoved()).isEqualTo(6);
        assertThat(coalitionYears.rows().get(0).figures().arrests()).isEqualTo(1);
        assertThat(coalitionYears.rows().get(1).figures().listingsRemoved()).isEqualTo(70);
        assertThat(coalitionYears.rows().get(1).cumulative().listingsRemoved()).isEqualTo(76);
        assertThat(coalitionYears.rows().get(1).cumulative().arrests()).isEqualTo(11);

        YearOverYearView calendarYears = eventually(() -> yearOverYear(id, YearBasis.CALENDAR_YEAR, null),
                v -> v.rows().size() == 2 && v.rows().get(1).figures().arrests() == 11);
        assertThat(calendarYears.rows()).extracting(YearRow::label).containsExactly("2018", "2019");
        assertThat(calendarYears.rows().get(0).figures().listingsRemoved()).isZero();
        assertThat(calendarYears.rows().get(1).figures().listingsRemoved()).isEqualTo(76);
    }

    @Test
    void correction_restatesTheView_keepsTheTrail_andTheViewAsRecordedBeforeItStillShowsTheOldFigure() {
        String id = foundCoalition();
        recordArrests(id, "arrests-june", LocalDate.of(2019, 6, 1), 10);
        eventually(() -> yearOverYear(id, YearBasis.COALITION_YEAR, null),
                v -> v.rows().size() == 2 && v.rows().get(1).figures().arrests() == 10);
        logCaughtUp();
        Instant beforeCorrection = Instant.now();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(beforeCorrection));

        send(new CorrectRecordCommand(id, "arrests-june", null, null, null, 12L, null, null, null, null,
                "police recount"));

        YearRow restated = eventually(() -> yearOverYear(id, YearBasis.COALITION_YEAR, null),
                v -> v.rows().get(1).figures().arrests() == 12).rows().get(1);
        assertThat(restated.restated()).isTrue();
        assertThat(restated.restatedFigures()).containsExactly(FigureName.ARRESTS);
        assertThat(restated.restatedRecordIds()).containsExactly("arrests-june");

        RestatementTrailView trail = query(new FindRestatementsQuery(id, null), RestatementTrailView.class);
        assertThat(trail.restatements()).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo("arrests-june");
            assertThat(r.type()).isEqualTo(RestatementType.CORRECTION);
            assertThat(r.before().arrests()).isEqualTo(10L);
            assertThat(r.after().arrests()).isEqualTo(12L);
            assertThat(r.actor()).isEqualTo(ACTOR);
            assertThat(r.reason()).isEqualTo("police recount");
            assertThat(r.recordedAt()).isAfter(beforeCorrection);
            assertThat(r.businessDate()).isEqualTo(LocalDate.of(2019, 6, 1));
        });

        YearRow then = yearOverYear(id, YearBasis.COALITION_YEAR, beforeCorrection).rows().get(1);
        assertThat(then.figures().arrests()).isEqualTo(10);
        assertThat(then.restated()).isFalse();
        assertThat(query(new FindRestatementsQuery(id, beforeCorrection), RestatementTrailView.class)
                .restatements()).isEmpty();
        // Asked at an instant after the log took the correction, the answer is the live one.
        logCaughtUp();
        assertThat(yearOverYear(id, YearBasis.COALITION_YEAR, Instant.now()))
                .isEqualTo(yearOverYear(id, YearBasis.COALITION_YEAR, null));
        assertThat(query(new FindGoalProgressQuery(id, beforeCorrection), GoalProgressView.class).goals())
                .hasSize(1);
    }

    @Test
    void membership_overTime_followsJoinsAndDepartures() {
        String id = foundCoalition();
        send(new JoinCoalitionCommand(id, "initech", true, "Initech", "KE", "Africa", "classifieds",
                LocalDate.of(2019, 1, 10), null));
        send(new LeaveCoalitionCommand(id, "globex", LocalDate.of(2019, 4, 1), "left"));

        MembershipView later = eventually(
                () -> query(new FindMembershipQuery(id, LocalDate.of(2019, 4, 1), null), MembershipView.class),
                v -> v.memberCount() == 2 && v.members().stream().anyMatch(m -> m.memberId().equals("initech")));
        assertThat(later.members()).extracting(m -> m.memberId()).containsExactly("acme", "initech");
        assertThat(later.byRegion()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("Africa", 1L, "North America", 1L)));

        MembershipView dayBefore = query(new FindMembershipQuery(id, LocalDate.of(2019, 3, 31), null), MembershipView.class);
        assertThat(dayBefore.memberCount()).isEqualTo(3);
        assertThat(dayBefore.members()).filteredOn(m -> m.memberId().equals("globex")).singleElement()
                .satisfies(m -> {
                    assertThat(m.founding()).isTrue();
                    assertThat(m.leftOn()).isEqualTo(LocalDate.of(2019, 4, 1));
                });
        YearOverYearView years = yearOverYear(id, YearBasis.COALITION_YEAR, null);
        assertThat(years.rows()).extracting(YearRow::membersAtYearEnd).containsExactly(3L, 2L);
        assertThat(years.rows()).extracting(YearRow::left).containsExactly(0L, 1L);
    }

    @Test
    void membershipAndCoalition_asRecordedBeforeAJoin_doNotShowIt() {
        String id = foundCoalition();
        eventually(() -> query(new FindCoalitionQuery(id, null), CoalitionView.class), v -> v.memberCount() == 2);
        logCaughtUp();
        Instant beforeJoin = Instant.now();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(beforeJoin));
        send(new JoinCoalitionCommand(id, "initech", true, "Initech", "KE", "Africa", "classifieds",
                LocalDate.of(2019, 1, 10), null));
        LocalDate asOf = LocalDate.of(2019, 2, 1);
        eventually(() -> query(new FindMembershipQuery(id, asOf, null), MembershipView.class),
                v -> v.memberCount() == 3);

        MembershipView recordedBefore = query(new FindMembershipQuery(id, asOf, beforeJoin), MembershipView.class);
        assertThat(recordedBefore.memberCount()).isEqualTo(2);
        assertThat(recordedBefore.members()).extracting(m -> m.memberId()).doesNotContain("initech");
        assertThat(query(new FindCoalitionQuery(id, beforeJoin), CoalitionView.class).memberCount()).isEqualTo(2);
        assertThat(query(new FindCoalitionQuery(id, null), CoalitionView.class).memberCount()).isEqualTo(3);
        assertThat(query(new FindCoalitionQuery(id, Instant.parse("2000-01-01T00:00:00Z")), CoalitionView.class))
                .as("not yet founded at that instant").isNull();
    }

    @Test
    void subscription_receivesTheNewViewWhenTheCoalitionChanges() {
        String id = foundCoalition();
        eventually(() -> query(new FindCoalitionQuery(id, null), CoalitionView.class), v -> true);
        var query = new FindYearOverYearQuery(id, YearBasis.CALENDAR_YEAR, null);
        SubscriptionQueryResult<YearOverYearView, YearOverYearView> subscription = queryGateway.subscriptionQuery(
                query, ResponseTypes.instanceOf(YearOverYearView.class),
                ResponseTypes.instanceOf(YearOverYearView.class));
        try {
            recordListings(id, "subscribed", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1), 42);

            YearOverYearView update = subscription.updates()
                    .filter(v -> v.rows().stream().anyMatch(r -> r.figures().listingsRemoved() == 42))
                    .blockFirst(PATIENCE);
            assertThat(update).isEqualTo(yearOverYear(id, YearBasis.CALENDAR_YEAR, null));
            assertThat(update.coalitionId()).isEqualTo(id);
        } finally {
            subscription.close();
        }
    }

    @Test
    void rebuild_resetsAndReplaysEveryProjection_intoIdenticalViews() {
        String id = foundCoalition();
        recordListings(id, "before-rebuild", LocalDate.of(2019, 1, 1), LocalDate.of(2019, 3, 6), 5);
        recordArrests(id, "arrests-before-rebuild", LocalDate.of(2019, 3, 7), 3);
        send(new CorrectRecordCommand(id, "before-rebuild", 4L, null, null, null, null, null, null, null, "typo"));
        eventually(() -> query(new FindRestatementsQuery(id, null), RestatementTrailView.class),
                v -> v.restatements().size() == 1);
        awaitCaughtUp(VIEWS_PROCESSOR);
        Map<String, Object> live = everyView();
        assertThat(live).containsKey(id + " coalition").containsKey("cewto coalition");
        List<Map<String, Object>> leavesBefore = auditLeaves();
        assertThat(leavesBefore).isNotEmpty();

        ViewsRebuild rebuild = send(new RebuildViewsCommand(java.util.UUID.randomUUID().toString(), "contract test"));

        assertThat(rebuild.processors()).containsExactly(VIEWS_PROCESSOR);
        awaitCaughtUp(VIEWS_PROCESSOR);

        assertThat(everyView()).isEqualTo(live);
        // Rebuilding the views never touches the verifiable log: every leaf keeps its index, event and hash.
        assertThat(auditLeaves()).startsWith(leavesBefore.toArray(Map[]::new));
    }

    /**
     * Random histories (records of every kind, corrections, retractions, joins, departures, membership corrections,
     * goals; rejected commands simply fail) give, from the stored rows, exactly the views the pure fold computes over
     * the same events in store order: equal records and the same JSON bytes. The processor handles them on several
     * segments at once, records and membership on different ones.
     */
    @Test
    void randomHistories_viewsFromTheRows_equalThePureFoldsViews() {
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        for (int history = 0; history < 3; history++) {
            String id = foundCoalition();
            int accepted = new RandomHistory(id, random).record(120);
            assertThat(accepted).as("seed %d: most commands accepted", seed).isGreaterThan(40);

            CoalitionLedgerFold fold = pureFold(id);
            Map<String, Object> expected = viewsOf(fold);
            Map<String, Object> fromRows = eventually(() -> liveViews(id, fold), views -> views.equals(expected));
            assertThat(fromRows).as("seed %d", seed).isEqualTo(expected);
            assertThat(jsonMapper.writeValueAsString(fromRows)).as("seed %d", seed)
                    .isEqualTo(jsonMapper.writeValueAsString(expected));
            assertThat(fold.restatements()).as("seed %d: the history restates something", seed).isNotEmpty();
        }
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    ViewGenerations generations;

    /** The pure fold over every stored event, in store order. */
    private CoalitionLedgerFold pureFold(String coalitionId) {
        CoalitionLedgerFold fold = new CoalitionLedgerFold(coalitionId);
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                var message = stream.nextAvailable();
                Object actor = message.getMetaData().get(LedgerMetadata.ACTOR);
                fold.apply(new LedgerEntry(message.getPayload(), message.getTimestamp(),
                        actor instanceof String a ? a : null, message.getIdentifier()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return fold;
    }

    /** Membership is asked on every day a stint starts or ends, and the day before each. */
    private static List<LocalDate> membershipDays(CoalitionLedgerFold fold) {
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        for (var stint : fold.snapshot().stints()) {
            days.add(stint.joined().joinedOn());
            days.add(stint.joined().joinedOn().minusDays(1));
            if (stint.leftOn() != null) {
                days.add(stint.leftOn());
                days.add(stint.leftOn().minusDays(1));
            }
        }
        return List.copyOf(days);
    }

    private static Map<String, Object> viewsOf(CoalitionLedgerFold fold) {
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("coalition", fold.coalition());
        for (YearBasis basis : YearBasis.values()) {
            views.put(basis.name(), fold.yearOverYear(basis));
        }
        for (LocalDate day : membershipDays(fold)) {
            views.put("members " + day, fold.membership(day));
        }
        views.put("goals", fold.goalProgress());
        views.put("restatements", new RestatementTrailView(fold.coalitionId(), fold.restatements()));
        return views;
    }

    private Map<String, Object> liveViews(String id, CoalitionLedgerFold fold) {
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("coalition", query(new FindCoalitionQuery(id, null), CoalitionView.class));
        for (YearBasis basis : YearBasis.values()) {
            views.put(basis.name(), yearOverYear(id, basis, null));
        }
        for (LocalDate day : membershipDays(fold)) {
            views.put("members " + day, query(new FindMembershipQuery(id, day, null), MembershipView.class));
        }
        views.put("goals", query(new FindGoalProgressQuery(id, null), GoalProgressView.class));
        views.put("restatements", query(new FindRestatementsQuery(id, null), RestatementTrailView.class));
        return views;
    }

    private List<Map<String, Object>> auditLeaves() {
        return jdbc.queryForList("select leaf_index, global_index, event_id, leaf_hash from audit_leaf "
                + "order by leaf_index").stream()
                .map(row -> {
                    Map<String, Object> leaf = new LinkedHashMap<>(row);
                    leaf.replaceAll((column, value) -> value instanceof byte[] bytes
                            ? java.util.HexFormat.of().formatHex(bytes) : value);
                    return leaf;
                }).toList();
    }

    /** Every view of every coalition, keyed by what was asked. */
    private Map<String, Object> everyView() {
        Map<String, Object> views = new LinkedHashMap<>();
        List<CoalitionView> coalitions = everyCoalition();
        views.put("coalitions", coalitions);
        for (CoalitionView coalition : coalitions) {
            String id = coalition.coalitionId();
            views.put(id + " coalition", query(new FindCoalitionQuery(id, null), CoalitionView.class));
            for (YearBasis basis : YearBasis.values()) {
                views.put(id + " " + basis, yearOverYear(id, basis, null));
            }
            for (LocalDate asOf : List.of(coalition.foundedOn(), LocalDate.of(2019, 3, 6), LocalDate.of(2019, 4, 1))) {
                views.put(id + " members " + asOf, query(new FindMembershipQuery(id, asOf, null), MembershipView.class));
            }
            views.put(id + " goals", query(new FindGoalProgressQuery(id, null), GoalProgressView.class));
            views.put(id + " restatements", query(new FindRestatementsQuery(id, null), RestatementTrailView.class));
        }
        List<Object> nulls = new ArrayList<>();
        views.values().stream().filter(v -> v == null).forEach(nulls::add);
        assertThat(nulls).as("every listed coalition has every view").isEmpty();
        return views;
    }

}
