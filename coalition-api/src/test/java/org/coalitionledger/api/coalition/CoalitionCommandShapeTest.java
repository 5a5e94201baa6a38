package org.coalitionledger.api.coalition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_AMOUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNTRY;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_ID;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT;
import static org.coalitionledger.api.error.CoalitionErrorCode.MISSING_FIELD;
import static org.coalitionledger.api.validation.ShapeAssertions.assertRejected;

/** The compact-constructor rules of the coalition commands and their parts. */
class CoalitionCommandShapeTest {

    static final LocalDate FOUNDED = LocalDate.of(2018, 3, 7);
    static final LocalDate DEADLINE = LocalDate.of(2020, 12, 31);

    static FoundingMember baidu() {
        return new FoundingMember("baidu", "Baidu", "CN", "Asia", "Search");
    }

    static FoundingMember member(String memberId) {
        return new FoundingMember(memberId, "Company " + memberId, "CN", "Asia", "Internet");
    }

    static Goal goal(BigDecimal percent) {
        return new Goal("reduce-80", "Reduce wildlife trafficking online", GoalMetric.ONLINE_TRAFFICKING, null,
                percent, DEADLINE);
    }

    static Goal goal() {
        return goal(new BigDecimal("80"));
    }

    static FoundCoalitionCommand found(List<FoundingMember> members) {
        return new FoundCoalitionCommand("cewto", "Coalition to End Wildlife Trafficking Online", FOUNDED,
                List.of("WWF", "TRAFFIC", "IFAW"), members, goal());
    }

    static JoinCoalitionCommand joinDisclosed(String name, String country, String region, String sector) {
        return new JoinCoalitionCommand("cewto", "weibo", true, name, country, region, sector, FOUNDED, null);
    }

    static JoinCoalitionCommand joinUndisclosed(String name, String country, String region, String sector) {
        return new JoinCoalitionCommand("cewto", "member-17", false, name, country, region, sector, FOUNDED, null);
    }

    // ---- FoundCoalitionCommand -----------------------------------------------------------------------------

    @Test
    void found_accepted_andNormalised() {
        FoundCoalitionCommand c = new FoundCoalitionCommand("cewto", "  Coalition to End Wildlife Trafficking Online ",
                FOUNDED, List.of(" WWF "), List.of(new FoundingMember("baidu", " Baidu ", "CN", " Asia", "Search ")),
                goal());
        assertThat(c.name()).isEqualTo("Coalition to End Wildlife Trafficking Online");
        assertThat(c.convenors()).containsExactly("WWF");
        assertThat(c.foundingMembers()).containsExactly(new FoundingMember("baidu", "Baidu", "CN", "Asia", "Search"));
        assertThat(found(List.of()).foundingMembers()).isEmpty();
    }

    @Test
    void found_copiesTheFoundingMembers() {
        List<FoundingMember> members = new ArrayList<>(List.of(baidu()));
        FoundCoalitionCommand c = found(members);
        members.add(member("ebay"));
        assertThat(c.foundingMembers()).containsExactly(baidu());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CEWTO", "ce wto", "record:cewto", "-cewto"})
    void found_rejected_forBadCoalitionId(String id) {
        assertRejected(() -> new FoundCoalitionCommand(id, "n", FOUNDED, List.of(), List.of(), goal()), INVALID_ID);
    }

    @Test
    void found_rejected_forMissingFields() {
        assertRejected(() -> new FoundCoalitionCommand(null, "n", FOUNDED, List.of(), List.of(), goal()),
                MISSING_FIELD).hasMessage("coalitionId is required");
        assertRejected(() -> new FoundCoalitionCommand("cewto", null, FOUNDED, List.of(), List.of(), goal()),
                MISSING_FIELD).hasMessage("name is required");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", null, List.of(), List.of(), goal()),
                MISSING_FIELD).hasMessage("foundedOn is required");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, null, List.of(), goal()),
                MISSING_FIELD).hasMessage("convenors is required");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, List.of(), null, goal()),
                MISSING_FIELD).hasMessage("foundingMembers is required");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, List.of(), List.of(), null),
                MISSING_FIELD).hasMessage("goal is required");
    }

    @Test
    void found_rejected_forBlankOrTooLongTexts() {
        assertRejected(() -> new FoundCoalitionCommand("cewto", " ", FOUNDED, List.of(), List.of(), goal()),
                INVALID_TEXT).hasMessage("name must not be blank");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n".repeat(201), FOUNDED, List.of(), List.of(),
                goal()), INVALID_TEXT).hasMessage("name must be at most 200 characters");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, List.of("WWF", ""), List.of(),
                goal()), INVALID_TEXT).hasMessage("convenors entry must not be blank");
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, Collections.nCopies(101, "WWF"),
                List.of(), goal()), INVALID_TEXT);
    }

    @Test
    void found_rejected_forDuplicateFoundingMemberIds() {
        assertRejected(() -> found(List.of(baidu(), member("ebay"), member("baidu"))), INVALID_ID)
                .hasMessage("foundingMembers lists memberId 'baidu' twice");
    }

    @Test
    void found_acceptsAHundredFoundingMembers_butNotMore() {
        List<FoundingMember> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(member("m" + i));
        }
        assertThat(found(hundred).foundingMembers()).hasSize(100);
        hundred.add(member("m100"));
        assertRejected(() -> found(hundred), INVALID_TEXT)
                .hasMessage("foundingMembers must have at most 100 entries");
    }

    @Test
    void found_rejected_forMissingFoundingMemberEntry() {
        List<FoundingMember> withNull = new ArrayList<>(List.of(baidu()));
        withNull.add(null);
        assertRejected(() -> found(withNull), MISSING_FIELD).hasMessage("foundingMembers entry is required");
    }

    @Test
    void found_rejected_whenGoalDeadlineIsBeforeFounding() {
        Goal early = new Goal("g", "d", GoalMetric.ARRESTS, null, BigDecimal.TEN, FOUNDED.minusDays(1));
        assertRejected(() -> new FoundCoalitionCommand("cewto", "n", FOUNDED, List.of(), List.of(), early),
                INVALID_PERIOD).hasMessage("goal deadline 2018-03-06 is before foundedOn 2018-03-07");
        Goal sameDay = new Goal("g", "d", GoalMetric.ARRESTS, null, BigDecimal.TEN, FOUNDED);
        assertThat(new FoundCoalitionCommand("cewto", "n", FOUNDED, List.of(), List.of(), sameDay).goal())
                .isEqualTo(sameDay);
    }

    // ---- FoundingMember ------------------------------------------------------------------------------------

    @Test
    void foundingMember_rejected_forBadFields() {
        assertRejected(() -> new FoundingMember("Baidu", "Baidu", "CN", "Asia", "Search"), INVALID_ID);
        assertRejected(() -> new FoundingMember(null, "Baidu", "CN", "Asia", "Search"), MISSING_FIELD);
        assertRejected(() -> new FoundingMember("baidu", "", "CN", "Asia", "Search"), INVALID_TEXT);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", "XX", "Asia", "Search"), INVALID_COUNTRY);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", "cn", "Asia", "Search"), INVALID_COUNTRY);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", null, "Asia", "Search"), MISSING_FIELD);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", "CN", " ", "Search"), INVALID_TEXT);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", "CN", "Asia", null), MISSING_FIELD);
        assertRejected(() -> new FoundingMember("baidu", "Baidu", "CN", "Asia", "s".repeat(201)), INVALID_TEXT);
    }

    // ---- Goal ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "1", "80", "99.99", "100", "100.00"})
    void goal_accepted_forPercentAboveZeroUpToHundred(String percent) {
        BigDecimal accepted = goal(new BigDecimal(percent)).targetReductionPercent();
        assertThat(accepted).isEqualByComparingTo(new BigDecimal(percent));
        assertThat(accepted.scale()).isEqualTo(Math.max(0, new BigDecimal(percent).stripTrailingZeros().scale())); // 100.00 and 100 are one goal
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-5", "100.01", "101", "33.333"})
    void goal_rejected_forPercentOutOfRangeOrTooPrecise(String percent) {
        assertRejected(() -> goal(new BigDecimal(percent)), INVALID_AMOUNT)
                .hasMessageStartingWith("targetReductionPercent must be greater than 0 and at most 100");
    }

    @Test
    void goal_rejected_forBadFields() {
        assertRejected(() -> new Goal("Reduce", "d", GoalMetric.ARRESTS, null, BigDecimal.TEN, DEADLINE), INVALID_ID);
        assertRejected(() -> new Goal("g", " ", GoalMetric.ARRESTS, null, BigDecimal.TEN, DEADLINE), INVALID_TEXT);
        assertRejected(() -> new Goal("g", "d".repeat(1001), GoalMetric.ARRESTS, null, BigDecimal.TEN, DEADLINE),
                INVALID_TEXT);
        assertRejected(() -> new Goal("g", "d", null, null, BigDecimal.TEN, DEADLINE), MISSING_FIELD)
                .hasMessage("metric is required");
        assertRejected(() -> new Goal("g", "d", GoalMetric.ARRESTS, -1L, BigDecimal.TEN, DEADLINE), INVALID_COUNT);
        assertRejected(() -> new Goal("g", "d", GoalMetric.ARRESTS, 1_000_000_000_001L, BigDecimal.TEN, DEADLINE),
                INVALID_COUNT);
        assertRejected(() -> new Goal("g", "d", GoalMetric.ARRESTS, null, null, DEADLINE), MISSING_FIELD)
                .hasMessage("targetReductionPercent is required");
        assertRejected(() -> new Goal("g", "d", GoalMetric.ARRESTS, null, BigDecimal.TEN, null), MISSING_FIELD)
                .hasMessage("deadline is required");
        assertThat(new Goal("g", "d", GoalMetric.ARRESTS, 0L, BigDecimal.TEN, DEADLINE).baseline()).isZero();
    }

    // ---- JoinCoalitionCommand ------------------------------------------------------------------------------

    @Test
    void join_accepted_forDisclosedMember_andNormalised() {
        JoinCoalitionCommand c = new JoinCoalitionCommand("cewto", "weibo", true, " Sina Weibo ", "CN", "Asia",
                "Social media", FOUNDED, " joined at the anniversary ");
        assertThat(c.name()).isEqualTo("Sina Weibo");
        assertThat(c.note()).isEqualTo("joined at the anniversary");
    }

    @Test
    void join_accepted_forUndisclosedMemberWithoutNameOrPlaces() {
        assertThat(joinUndisclosed(null, null, null, null).disclosed()).isFalse();
    }

    @Test
    void join_rejected_forUndisclosedMemberWithANameOrPlace() {
        assertRejected(() -> joinUndisclosed("Secret Co", null, null, null), INVALID_TEXT)
                .hasMessage("an undisclosed member has no name, country, region or sector");
        assertRejected(() -> joinUndisclosed(null, "CN", null, null), INVALID_TEXT);
        assertRejected(() -> joinUndisclosed(null, null, "Asia", null), INVALID_TEXT);
        assertRejected(() -> joinUndisclosed(null, null, null, "Search"), INVALID_TEXT);
    }

    @Test
    void join_rejected_forDisclosedMemberWithoutNameOrPlaces() {
        assertRejected(() -> joinDisclosed(null, "CN", "Asia", "Search"), MISSING_FIELD).hasMessage("name is required");
        assertRejected(() -> joinDisclosed("Weibo", null, "Asia", "Search"), MISSING_FIELD);
        assertRejected(() -> joinDisclosed("Weibo", "CN", null, "Search"), MISSING_FIELD);
        assertRejected(() -> joinDisclosed("Weibo", "CN", "Asia", null), MISSING_FIELD);
        assertRejected(() -> joinDisclosed(" ", "CN", "Asia", "Search"), INVALID_TEXT);
        assertRejected(() -> joinDisclosed("Weibo", "XX", "Asia", "Search"), INVALID_COUNTRY);
        assertRejected(() -> joinDisclosed("Weibo", "cn", "Asia", "Search"), INVALID_COUNTRY);
    }

    @Test
    void join_rejected_forBadIdsDateOrNote() {
        assertRejected(() -> new JoinCoalitionCommand("Cewto", "weibo", false, null, null, null, null, FOUNDED, null),
                INVALID_ID);
        assertRejected(() -> new JoinCoalitionCommand("cewto", "we:ibo", false, null, null, null, null, FOUNDED,
                null), INVALID_ID);
        assertRejected(() -> new JoinCoalitionCommand("cewto", "w".repeat(65), false, null, null, null, null,
                FOUNDED, null), INVALID_ID);
        assertRejected(() -> new JoinCoalitionCommand("cewto", null, false, null, null, null, null, FOUNDED, null),
                MISSING_FIELD);
        assertRejected(() -> new JoinCoalitionCommand("cewto", "weibo", false, null, null, null, null, null, null),
                MISSING_FIELD).hasMessage("joinedOn is required");
        assertRejected(() -> new JoinCoalitionCommand("cewto", "weibo", false, null, null, null, null, FOUNDED, " "),
                INVALID_TEXT);
        assertRejected(() -> new JoinCoalitionCommand("cewto", "weibo", false, null, null, null, null, FOUNDED,
                "n".repeat(1001)), INVALID_TEXT);
    }

    // ---- LeaveCoalitionCommand -----------------------------------------------------------------------------

    @Test
    void leave_accepted_withOrWithoutReason() {
        assertThat(new LeaveCoalitionCommand("cewto", "weibo", FOUNDED, null).reason()).isNull();
        assertThat(new LeaveCoalitionCommand("cewto", "weibo", FOUNDED, " merger ").reason()).isEqualTo("merger");
    }

    @Test
    void leave_rejected_forBadFields() {
        assertRejected(() -> new LeaveCoalitionCommand("", "weibo", FOUNDED, null), INVALID_ID);
        assertRejected(() -> new LeaveCoalitionCommand("cewto", "Weibo", FOUNDED, null), INVALID_ID);
        assertRejected(() -> new LeaveCoalitionCommand("cewto", "weibo", null, null), MISSING_FIELD)
                .hasMessage("leftOn is required");
        assertRejected(() -> new LeaveCoalitionCommand("cewto", "weibo", FOUNDED, ""), INVALID_TEXT);
        assertRejected(() -> new LeaveCoalitionCommand("cewto", "weibo", FOUNDED, "r".repeat(1001)), INVALID_TEXT);
    }

    // ---- SetGoalCommand ------------------------------------------------------------------------------------

    @Test
    void setGoal_accepted_upToTheDeadline() {
        assertThat(new SetGoalCommand("cewto", goal(), DEADLINE).setOn()).isEqualTo(DEADLINE);
    }

    @Test
    void setGoal_rejected_forBadFields() {
        assertRejected(() -> new SetGoalCommand("cewto!", goal(), FOUNDED), INVALID_ID);
        assertRejected(() -> new SetGoalCommand("cewto", null, FOUNDED), MISSING_FIELD).hasMessage("goal is required");
        assertRejected(() -> new SetGoalCommand("cewto", goal(), null), MISSING_FIELD).hasMessage("setOn is required");
        assertRejected(() -> new SetGoalCommand("cewto", goal(), DEADLINE.plusDays(1)), INVALID_PERIOD)
                .hasMessage("goal deadline 2020-12-31 is before setOn 2021-01-01");
    }
}
