package org.coalitionledger.views;

import org.coalitionledger.api.view.CoalitionView;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.GoalProgressView;
import org.coalitionledger.api.view.MembershipView;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped first-year history of {@code cewto}, read through the query gateway from the real event store. */
abstract class FirstYearViewsContract extends ViewsTestSupport {

    static final String CEWTO = "cewto";
    static final LocalDate YEAR_ONE_START = LocalDate.of(2018, 3, 7);
    static final LocalDate YEAR_ONE_END = LocalDate.of(2019, 3, 6);

    @Test
    void firstCoalitionYear_showsTheAnniversaryReport() {
        YearOverYearView view = eventually(
                () -> query(new FindYearOverYearQuery(CEWTO, YearBasis.COALITION_YEAR, null), YearOverYearView.class),
                v -> row(v, YEAR_ONE_START).map(r -> r.figures().confiscatedUsd().signum() > 0).orElse(false));

        YearRow year = row(view, YEAR_ONE_START).orElseThrow();
        assertThat(year.end()).isEqualTo(YEAR_ONE_END);
        assertThat(year.label()).isEqualTo("2018-03-07/2019-03-06");
        assertThat(year.figures().listingsRemoved()).isEqualTo(1_000_000);
        assertThat(year.figures().adsBlocked()).isEqualTo(10_000_000);
        assertThat(year.figures().accountsRemoved()).isEqualTo(350_000);
        assertThat(year.figures().arrests()).isEqualTo(129);
        assertThat(year.figures().confiscatedByCurrency()).containsExactlyEntriesOf(
                Map.of("CNY", new BigDecimal("18000000.00")));
        // 18,000,000.00 / 6.7202 CNY per USD, half-even to cents.
        assertThat(year.figures().confiscatedUsd()).isEqualTo(new BigDecimal("2678491.71"));
        assertThat(year.membersAtYearEnd()).isEqualTo(32);
        assertThat(year.joined()).isEqualTo(32);
        assertThat(year.restated()).isFalse();
        assertThat(year.cumulative()).isEqualTo(year.figures());
    }

    @Test
    void firstYear_onTheCalendarBasis_putsTheReportIn2019() {
        YearOverYearView view = eventually(
                () -> query(new FindYearOverYearQuery(CEWTO, YearBasis.CALENDAR_YEAR, null), YearOverYearView.class),
                v -> v.rows().size() == 2);

        assertThat(view.rows()).extracting(YearRow::label).containsExactly("2018", "2019");
        assertThat(view.rows().get(0).figures().listingsRemoved()).isZero();
        assertThat(view.rows().get(0).membersAtYearEnd()).isEqualTo(21);
        assertThat(view.rows().get(1).figures().arrests()).isEqualTo(129);
    }

    @Test
    void membership_onTheFoundingDay_andAtTheAnniversary() {
        MembershipView founding = eventually(
                () -> query(new FindMembershipQuery(CEWTO, YEAR_ONE_START, null), MembershipView.class), v -> true);
        MembershipView anniversary = eventually(
                () -> query(new FindMembershipQuery(CEWTO, YEAR_ONE_END, null), MembershipView.class),
                v -> v.memberCount() == 32);

        assertThat(founding.memberCount()).isEqualTo(21);
        assertThat(founding.members()).allSatisfy(m -> assertThat(m.founding()).isTrue());
        assertThat(anniversary.byRegion()).containsEntry("(undisclosed)", 3L).containsEntry("Africa", 2L);
        assertThat(query(new FindMembershipQuery(CEWTO, YEAR_ONE_START.minusDays(1), null), MembershipView.class)
                .memberCount()).isZero();
    }

    @Test
    void coalition_andGoal_andTheListOfCoalitions() {
        CoalitionView coalition = eventually(() -> query(new FindCoalitionQuery(CEWTO, null), CoalitionView.class),
                v -> v.memberCount() == 32);
        GoalProgressView goals = query(new FindGoalProgressQuery(CEWTO, null), GoalProgressView.class);
        List<CoalitionView> all = everyCoalition();

        assertThat(coalition.foundedOn()).isEqualTo(YEAR_ONE_START);
        assertThat(coalition.foundingMemberCount()).isEqualTo(21);
        assertThat(goals.goals()).hasSize(1);
        assertThat(goals.goals().get(0).targetReductionPercent()).isEqualByComparingTo("80");
        assertThat(all).contains(coalition);
    }

    @Test
    void unknownCoalition_isAnsweredWithNull() {
        assertThat(query(new FindYearOverYearQuery("no-such-coalition", YearBasis.COALITION_YEAR, null),
                YearOverYearView.class)).isNull();
        assertThat(query(new FindCoalitionQuery("no-such-coalition", null), CoalitionView.class)).isNull();
        // Before its founding was recorded, the ledger knew no such coalition either.
        assertThat(query(new FindYearOverYearQuery(CEWTO, YearBasis.COALITION_YEAR,
                Instant.parse("2000-01-01T00:00:00Z")), YearOverYearView.class)).isNull();
    }
}
