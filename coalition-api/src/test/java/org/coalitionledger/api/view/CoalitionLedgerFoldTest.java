package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.api.view.LedgerFixtures.*;

class CoalitionLedgerFoldTest {

    private static CoalitionLedgerFold fold(LedgerFixtures fixtures) {
        return new CoalitionLedgerFold(CEWTO).applyAll(fixtures.entries());
    }

    @Test
    void coalition_summarisesFoundingAndMembers() {
        CoalitionView view = fold(firstYear().add(left("etsy", LocalDate.of(2019, 6, 1)))).coalition();

        assertThat(view.coalitionId()).isEqualTo(CEWTO);
        assertThat(view.name()).isEqualTo("Coalition to End Wildlife Trafficking Online");
        assertThat(view.foundedOn()).isEqualTo(FOUNDED_ON);
        assertThat(view.convenors()).containsExactly("WWF", "TRAFFIC", "IFAW");
        assertThat(view.memberCount()).isEqualTo(31);
        assertThat(view.foundingMemberCount()).isEqualTo(21);
    }

    @Test
    void membership_asOfFoundingDay_listsFoundingMembers() {
        MembershipView view = fold(firstYear()).membership(FOUNDED_ON);

        assertThat(view.memberCount()).isEqualTo(21);
        assertThat(view.members()).allSatisfy(m -> assertThat(m.founding()).isTrue());
        assertThat(view.members().get(0).memberId()).isEqualTo("58-com");
        assertThat(view.byRegion()).containsExactly(Map.entry("Africa", 1L), Map.entry("Asia", 12L),
                Map.entry("North America", 8L));
        assertThat(view.bySector()).containsExactly(Map.entry("Technology", 21L));
    }

    @Test
    void membership_asOf_countsUndisclosedUnderOwnLabel() {
        MembershipView view = fold(firstYear()).membership(FIRST_ANNIVERSARY_EVE);

        assertThat(view.coalitionId()).isEqualTo(CEWTO);
        assertThat(view.asOf()).isEqualTo(FIRST_ANNIVERSARY_EVE);
        assertThat(view.memberCount()).isEqualTo(32);
        assertThat(view.byRegion()).containsExactly(Map.entry("(undisclosed)", 3L), Map.entry("Africa", 2L),
                Map.entry("Asia", 19L), Map.entry("North America", 8L));
        assertThat(view.bySector().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(32);
        assertThat(view.bySector()).containsEntry("(undisclosed)", 3L);
        MemberView undisclosed = view.members().stream().filter(m -> m.memberId().equals("undisclosed-1"))
                .findFirst().orElseThrow();
        assertThat(undisclosed).isEqualTo(new MemberView("undisclosed-1", null, false, null, null, null, false,
                FIRST_ANNIVERSARY_EVE, null));
    }

    @Test
    void membership_asOf_excludesMemberFromItsLeavingDay() {
        CoalitionLedgerFold fold = fold(firstYear().add(left("etsy", LocalDate.of(2018, 9, 1))));

        assertThat(fold.membership(LocalDate.of(2018, 8, 31)).members()).extracting(MemberView::memberId)
                .contains("etsy");
        assertThat(fold.membership(LocalDate.of(2018, 8, 31)).members())
                .filteredOn(m -> m.memberId().equals("etsy")).singleElement()
                .extracting(MemberView::leftOn).isEqualTo(LocalDate.of(2018, 9, 1));
        assertThat(fold.membership(LocalDate.of(2018, 9, 1)).members()).extracting(MemberView::memberId)
                .doesNotContain("etsy");
        assertThat(fold.membership(LocalDate.of(2018, 3, 6)).memberCount()).isZero();
    }

    @Test
    void goalProgress_onlineTrafficking_sumsTakedownFigures_upToDeadlineYear() {
        var fixtures = firstYear()
                .add(goal("reduce-80-by-2020", GoalMetric.ONLINE_TRAFFICKING, null, "80", LocalDate.of(2020, 12, 31)))
                .add(ngoBatch("second-year", LocalDate.of(2019, 3, 7), LocalDate.of(2020, 3, 6), 500))
                .add(ngoBatch("fifth-year", LocalDate.of(2022, 3, 7), LocalDate.of(2023, 3, 6), 9))
                .add(new TakedownBatchCorrectedEvent(CEWTO, "second-year", 400, 0, 0, "duplicate listings"));

        GoalProgressView view = fold(fixtures).goalProgress();

        assertThat(view.coalitionId()).isEqualTo(CEWTO);
        GoalView goal = view.goals().get(0);
        assertThat(goal.goalId()).isEqualTo("reduce-80-by-2020");
        assertThat(goal.metric()).isEqualTo(GoalMetric.ONLINE_TRAFFICKING);
        assertThat(goal.targetValue()).isNull();
        assertThat(goal.setOn()).isEqualTo(FOUNDED_ON);
        // The deadline 2020-12-31 falls in the coalition year 2020-03-07/2021-03-06: three years, no more.
        assertThat(goal.years()).extracting(GoalYear::label).containsExactly("2018-03-07/2019-03-06",
                "2019-03-07/2020-03-06", "2020-03-07/2021-03-06");
        assertThat(goal.years()).extracting(GoalYear::value).containsExactly(BigDecimal.valueOf(11_350_000),
                BigDecimal.valueOf(400), BigDecimal.ZERO);
        assertThat(goal.years()).extracting(GoalYear::restated).containsExactly(false, true, false);
    }

    @Test
    void goalProgress_eachMetric_readsItsFigure_andTargetFollowsBaseline() {
        var fixtures = firstYear()
                .add(goal("usd", GoalMetric.CONFISCATED_USD, 1_000_000L, "12.5", LocalDate.of(2019, 3, 6)))
                .add(goal("arrests", GoalMetric.ARRESTS, 200L, "50", LocalDate.of(2019, 3, 6)))
                .add(goal("ads", GoalMetric.ADS_BLOCKED, null, "10", LocalDate.of(2019, 3, 6)))
                .add(new ArrestRecordCorrectedEvent(CEWTO, "arrests-2019-cn", 130, "one more"));

        Map<String, GoalView> goals = new java.util.TreeMap<>();
        fold(fixtures).goalProgress().goals().forEach(g -> goals.put(g.goalId(), g));

        assertThat(goals.get("usd").years()).singleElement().satisfies(y -> {
            assertThat(y.value()).isEqualTo(new BigDecimal("2678491.71"));
            assertThat(y.restated()).isFalse();
        });
        assertThat(goals.get("usd").targetValue()).isEqualByComparingTo("875000");
        assertThat(goals.get("arrests").years().get(0).value()).isEqualTo(BigDecimal.valueOf(130));
        assertThat(goals.get("arrests").years().get(0).restated()).isTrue();
        assertThat(goals.get("arrests").targetValue()).isEqualByComparingTo("100");
        assertThat(goals.get("ads").years().get(0).value()).isEqualTo(BigDecimal.valueOf(10_000_000));
        assertThat(goals.get("ads").years().get(0).restated()).isFalse();
    }

    @Test
    void restatements_listEveryCorrectionAndRetraction_inRecordOrder() {
        var fixtures = firstYear()
                .add(new ArrestRecordCorrectedEvent(CEWTO, "arrests-2019-cn", 130, "first"))
                .add(new TakedownBatchCorrectedEvent(CEWTO, "batch-2019-cn", 1, 2, 3, "second"))
                .add(new ArrestRecordCorrectedEvent(CEWTO, "arrests-2019-cn", 131, "third"))
                .add(new RecordRetractedEvent(CEWTO, "confiscation-2019-cn", "fourth"));

        List<RestatementView> trail = fold(fixtures).restatements();

        assertThat(trail).extracting(RestatementView::reason).containsExactly("first", "second", "third", "fourth");
        assertThat(trail).extracting(RestatementView::type).containsExactly(RestatementType.CORRECTION,
                RestatementType.CORRECTION, RestatementType.CORRECTION, RestatementType.RETRACTION);
        assertThat(trail.get(2).before().arrests()).isEqualTo(130L);
        assertThat(trail.get(2).after().arrests()).isEqualTo(131L);
        assertThat(trail.get(3).before().amount()).isEqualTo(new BigDecimal("18000000.00"));
        assertThat(trail.get(3).before().usdValue()).isEqualTo(new BigDecimal("2678491.71"));
        assertThat(trail).extracting(RestatementView::eventId).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(trail).extracting(RestatementView::recordedAt).isSorted();
    }

    @Test
    void fold_isDeterministic_acrossFreshFolds() {
        var fixtures = firstYear()
                .add(ngoBatch("second-year", LocalDate.of(2019, 3, 7), LocalDate.of(2020, 3, 6), 500))
                .add(goal("reduce-80-by-2020", GoalMetric.ONLINE_TRAFFICKING, 1_000L, "80", LocalDate.of(2020, 12, 31)))
                .add(new TakedownBatchCorrectedEvent(CEWTO, "second-year", 400, 0, 0, "duplicates"))
                .add(new RecordRetractedEvent(CEWTO, "arrests-2019-cn", "double-counted"))
                .add(left("sapo", LocalDate.of(2019, 9, 1)));

        CoalitionLedgerFold a = fold(fixtures);
        CoalitionLedgerFold b = fold(fixtures);

        for (YearBasis basis : YearBasis.values()) {
            assertThat(a.yearOverYear(basis)).isEqualTo(b.yearOverYear(basis));
            assertThat(a.yearOverYear(basis).toString()).isEqualTo(b.yearOverYear(basis).toString());
        }
        assertThat(a.membership(FIRST_ANNIVERSARY_EVE)).isEqualTo(b.membership(FIRST_ANNIVERSARY_EVE));
        assertThat(a.goalProgress()).isEqualTo(b.goalProgress());
        assertThat(a.restatements()).isEqualTo(b.restatements());
        assertThat(a.coalition()).isEqualTo(b.coalition());
        // Asking twice changes nothing either.
        assertThat(a.yearOverYear(YearBasis.COALITION_YEAR)).isEqualTo(b.yearOverYear(YearBasis.COALITION_YEAR));
    }

    @Test
    void asRecordedAt_showsWhatWasBelievedAtThatInstant() {
        var fixtures = firstYear();
        Instant beforeCorrection = fixtures.nextRecordedAt().minusMillis(1);
        fixtures.add(new ArrestRecordCorrectedEvent(CEWTO, "arrests-2019-cn", 130, "recount"));
        Instant afterCorrection = fixtures.nextRecordedAt().minusMillis(1);
        fixtures.add(new RecordRetractedEvent(CEWTO, "batch-2019-cn", "withdrawn"));

        YearRow then = CoalitionLedgerFold.asRecordedAt(CEWTO, fixtures.entries(), beforeCorrection)
                .yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);
        YearRow middle = CoalitionLedgerFold.asRecordedAt(CEWTO, fixtures.entries(), afterCorrection)
                .yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);
        CoalitionLedgerFold live = CoalitionLedgerFold.asRecordedAt(CEWTO, fixtures.entries(), null);

        assertThat(then.figures().arrests()).isEqualTo(129);
        assertThat(then.restated()).isFalse();
        assertThat(middle.figures().arrests()).isEqualTo(130);
        assertThat(middle.figures().listingsRemoved()).isEqualTo(1_000_000);
        assertThat(live.yearOverYear(YearBasis.COALITION_YEAR).rows().get(0).figures().listingsRemoved()).isZero();
        assertThat(live.restatements()).hasSize(2);
        assertThat(CoalitionLedgerFold.asRecordedAt(CEWTO, fixtures.entries(), Instant.parse("2018-01-01T00:00:00Z"))
                .isFounded()).isFalse();
    }

    @Test
    void fold_ignoresUnknownPayloadsAndOtherCoalitions() {
        var fixtures = firstYear()
                .add("not an event")
                .add(new MemberJoinedEvent("other", "stranger", false, true, "Stranger", "FR", "Europe", "Tech",
                        FIRST_ANNIVERSARY_EVE, null))
                .add(new ArrestRecordedEvent("other", "other-arrests", FIRST_ANNIVERSARY_EVE, 1000, "FR", "Police",
                        "France", "press"))
                .add(new RecordRetractedEvent("other", "arrests-2019-cn", "not ours to retract"));

        assertThat(fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR))
                .isEqualTo(fold(firstYear()).yearOverYear(YearBasis.COALITION_YEAR));
        assertThat(fold(fixtures).restatements()).isEmpty();
    }

    @Test
    void views_needFoundingEvent() {
        var fold = new CoalitionLedgerFold(CEWTO);

        assertThat(fold.isFounded()).isFalse();
        assertThat(fold.restatements()).isEmpty();
        assertThatThrownBy(() -> fold.yearOverYear(YearBasis.COALITION_YEAR))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(CEWTO);
    }

    @Test
    void views_areImmutable() {
        YearOverYearView view = fold(firstYear()).yearOverYear(YearBasis.COALITION_YEAR);

        assertThatThrownBy(() -> view.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.rows().get(0).byReporter().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.rows().get(0).figures().confiscatedByCurrency().put("EUR", BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
