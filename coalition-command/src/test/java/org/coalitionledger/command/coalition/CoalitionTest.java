package org.coalitionledger.command.coalition;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.FoundingMember;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.SetGoalCommand;
import org.coalitionledger.command.rules.BeforeFoundingDate;
import org.coalitionledger.command.rules.CoalitionAlreadyFounded;
import org.coalitionledger.command.rules.GoalConflict;
import org.coalitionledger.command.rules.LeaveBeforeJoin;
import org.coalitionledger.command.rules.MemberAlreadyJoined;
import org.coalitionledger.command.rules.MemberNotAMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.coalitionledger.api.error.CoalitionErrorCode.BEFORE_FOUNDING_DATE;
import static org.coalitionledger.api.error.CoalitionErrorCode.COALITION_ALREADY_FOUNDED;
import static org.coalitionledger.api.error.CoalitionErrorCode.GOAL_CONFLICT;
import static org.coalitionledger.api.error.CoalitionErrorCode.LEAVE_BEFORE_JOIN;
import static org.coalitionledger.api.error.CoalitionErrorCode.MEMBER_ALREADY_JOINED;
import static org.coalitionledger.api.error.CoalitionErrorCode.MEMBER_NOT_A_MEMBER;
import static org.coalitionledger.api.error.CoalitionErrorCode.REPORTS_OUTSIDE_MEMBERSHIP;
import static org.coalitionledger.api.error.CoalitionErrorCode.CORRECTION_CHANGES_NOTHING;
import org.coalitionledger.api.coalition.CorrectMembershipCommand;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.command.rules.CorrectionChangesNothing;
import org.coalitionledger.api.coalition.MemberReportFiledEvent;
import org.coalitionledger.api.coalition.MemberReportWithdrawnEvent;
import org.coalitionledger.command.rules.ReportsOutsideMembership;
import static org.coalitionledger.command.rules.RuleViolationMatcher.violation;
import static org.hamcrest.Matchers.containsString;

/** Every command path of {@link Coalition}: the accepted case, the idempotent repeat and every rejection. */
class CoalitionTest {

    static final String CEWTO = "cewto";
    static final String NAME = "Coalition to End Wildlife Trafficking Online";
    static final LocalDate FOUNDED = LocalDate.of(2018, 3, 7);
    static final List<String> CONVENORS = List.of("WWF", "TRAFFIC", "IFAW");

    /** A company as the commands and events describe it. */
    record Company(String memberId, String name, String country, String region, String sector) {
        FoundingMember asFoundingMember() {
            return new FoundingMember(memberId, name, country, region, sector);
        }
    }

    static final Company BAIDU = new Company("baidu", "Baidu", "CN", "Asia", "Search");
    static final Company EBAY = new Company("ebay", "eBay", "US", "North America", "E-commerce");
    static final Company WEIBO = new Company("weibo", "Sina Weibo", "CN", "Asia", "Social media");

    private FixtureConfiguration<Coalition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coalition.class);
    }

    // ---- builders ------------------------------------------------------------------------------------------

    static Goal goal(String goalId, BigDecimal percent, LocalDate deadline) {
        return new Goal(goalId, "Reduce wildlife trafficking online", GoalMetric.ONLINE_TRAFFICKING, null, percent,
                deadline);
    }

    static Goal foundingGoal() {
        return goal("reduce-80-by-2020", new BigDecimal("80"), LocalDate.of(2020, 12, 31));
    }

    static Goal listingsGoal() {
        return new Goal("listings-2025", "Halve listings of protected species", GoalMetric.LISTINGS_REMOVED,
                1_000_000L, new BigDecimal("50.00"), LocalDate.of(2025, 12, 31));
    }

    static FoundCoalitionCommand found() {
        return found(NAME, List.of(BAIDU, EBAY));
    }

    static FoundCoalitionCommand found(String name, List<Company> members) {
        return new FoundCoalitionCommand(CEWTO, name, FOUNDED, CONVENORS,
                members.stream().map(Company::asFoundingMember).toList(), foundingGoal());
    }

    /** The events {@link #found()} records. */
    static List<Object> founded() {
        return founded(List.of(BAIDU, EBAY));
    }

    static List<Object> founded(List<Company> members) {
        List<Object> events = new ArrayList<>();
        events.add(new CoalitionFoundedEvent(CEWTO, NAME, FOUNDED, CONVENORS));
        for (Company c : members) {
            events.add(new MemberJoinedEvent(CEWTO, c.memberId(), true, true, c.name(), c.country(), c.region(),
                    c.sector(), FOUNDED, null));
        }
        events.add(goalSet(foundingGoal(), FOUNDED));
        return events;
    }

    static List<Object> foundedThen(Object... later) {
        List<Object> events = new ArrayList<>(founded());
        events.addAll(List.of(later));
        return events;
    }

    static JoinCoalitionCommand join(Company c, LocalDate on) {
        return new JoinCoalitionCommand(CEWTO, c.memberId(), true, c.name(), c.country(), c.region(), c.sector(), on,
                null);
    }

    static MemberJoinedEvent joined(Company c, LocalDate on) {
        return new MemberJoinedEvent(CEWTO, c.memberId(), false, true, c.name(), c.country(), c.region(), c.sector(),
                on, null);
    }

    static LeaveCoalitionCommand leave(Company c, LocalDate on, String reason) {
        return new LeaveCoalitionCommand(CEWTO, c.memberId(), on, reason);
    }

    static MemberLeftEvent left(Company c, LocalDate on, String reason) {
        return new MemberLeftEvent(CEWTO, c.memberId(), on, reason);
    }

    static SetGoalCommand setGoal(Goal g, LocalDate on) {
        return new SetGoalCommand(CEWTO, g, on);
    }

    static GoalSetEvent goalSet(Goal g, LocalDate on) {
        return new GoalSetEvent(CEWTO, g.goalId(), g.description(), g.metric(), g.baseline(),
                g.targetReductionPercent(), g.deadline(), on);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    // ---- FoundCoalitionCommand -----------------------------------------------------------------------------


    @Test
    void found_accepted_withFoundingMembersAndGoal() {
        fixture.givenNoPriorActivity()
                .when(found())
                .expectSuccessfulHandlerExecution()
                .expectEvents(founded().toArray());
    }

    @Test
    void found_accepted_withoutFoundingMembers() {
        fixture.givenNoPriorActivity()
                .when(found(NAME, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CoalitionFoundedEvent(CEWTO, NAME, FOUNDED, CONVENORS),
                        goalSet(foundingGoal(), FOUNDED));
    }

    @Test
    void found_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(founded())
                .when(found())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void found_acceptedAsNoOp_whenRepeatedIdentically_afterLaterMembershipAndGoalChanges() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(EBAY, date("2019-06-01"), null),
                        goalSet(listingsGoal(), date("2019-03-07"))))
                .when(found())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void found_rejected_whenAlreadyFoundedUnderAnotherName() {
        fixture.given(founded())
                .when(found("Another coalition", List.of(BAIDU, EBAY)))
                .expectNoEvents()
                .expectException(violation(CoalitionAlreadyFounded.class, COALITION_ALREADY_FOUNDED))
                .expectExceptionMessage("coalition 'cewto' was already founded on 2018-03-07");
    }

    @Test
    void found_rejected_whenAlreadyFoundedWithOtherFoundingMembers() {
        fixture.given(founded())
                .when(found(NAME, List.of(BAIDU)))
                .expectNoEvents()
                .expectException(violation(CoalitionAlreadyFounded.class, COALITION_ALREADY_FOUNDED))
                .expectExceptionMessage(containsString("already founded on 2018-03-07"));
    }

    @Test
    void found_rejected_whenAlreadyFoundedWithAnotherGoal() {
        FoundCoalitionCommand otherGoal = new FoundCoalitionCommand(CEWTO, NAME, FOUNDED, CONVENORS,
                List.of(BAIDU.asFoundingMember(), EBAY.asFoundingMember()), listingsGoal());
        fixture.given(founded())
                .when(otherGoal)
                .expectNoEvents()
                .expectException(violation(CoalitionAlreadyFounded.class, COALITION_ALREADY_FOUNDED))
                .expectExceptionMessage(containsString("already founded"));
    }

    // ---- JoinCoalitionCommand ------------------------------------------------------------------------------


    @Test
    void join_accepted_afterFounding() {
        fixture.given(founded())
                .when(join(WEIBO, date("2019-03-07")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(joined(WEIBO, date("2019-03-07")));
    }

    @Test
    void join_accepted_onFoundingDate() {
        fixture.given(founded())
                .when(join(WEIBO, FOUNDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(joined(WEIBO, FOUNDED));
    }

    @Test
    void join_accepted_forUndisclosedMemberWithNote() {
        fixture.given(founded())
                .when(new JoinCoalitionCommand(CEWTO, "member-17", false, null, null, null, null,
                        date("2018-12-31"), " joined at the latest on this date "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberJoinedEvent(CEWTO, "member-17", false, false, null, null, null, null,
                        date("2018-12-31"), "joined at the latest on this date"));
    }

    @Test
    void join_rejected_beforeFoundingDate() {
        fixture.given(founded())
                .when(join(WEIBO, date("2018-03-06")))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage(
                        "joinedOn 2018-03-06 is before the coalition's founding date 2018-03-07");
    }

    @Test
    void join_rejected_whenAlreadyAMember() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(join(WEIBO, date("2019-04-01")))
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage("member 'weibo' is already a member since 2019-03-07");
    }

    @Test
    void join_rejected_whenAlreadyAMemberAndOnlyTheDetailsDiffer() {
        JoinCoalitionCommand renamed = new JoinCoalitionCommand(CEWTO, WEIBO.memberId(), true, "Weibo",
                WEIBO.country(), WEIBO.region(), WEIBO.sector(), date("2019-03-07"), null);
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(renamed)
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage(containsString("is already a member since 2019-03-07"));
    }

    @Test
    void join_rejected_whenFoundingMemberJoinsAgain() {
        fixture.given(founded())
                .when(join(BAIDU, FOUNDED))
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage("member 'baidu' is already a member since 2018-03-07");
    }

    @Test
    void join_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(join(WEIBO, date("2019-03-07")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void join_rejected_whenRejoiningBeforePreviousLeftOn() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null)))
                .when(join(WEIBO, date("2019-12-31")))
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage("member 'weibo' was a member until 2020-01-01; it can rejoin on or "
                        + "after that date, not on 2019-12-31");
    }

    @Test
    void join_rejected_whenTheFirstJoinIsRepeatedAfterLeaving() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null)))
                .when(join(WEIBO, date("2019-03-07")))
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage(containsString("was a member until 2020-01-01"));
    }

    @Test
    void join_accepted_whenRejoiningOnPreviousLeftOn() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null)))
                .when(join(WEIBO, date("2020-01-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(joined(WEIBO, date("2020-01-01")));
    }

    // ---- LeaveCoalitionCommand -----------------------------------------------------------------------------


    @Test
    void leave_accepted_forMember() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(leave(WEIBO, date("2020-06-30"), "  left the market "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(left(WEIBO, date("2020-06-30"), "left the market"));
    }

    @Test
    void leave_accepted_forFoundingMemberWithoutReason() {
        fixture.given(founded())
                .when(leave(EBAY, date("2018-03-08"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(left(EBAY, date("2018-03-08"), null));
    }

    @Test
    void leave_rejected_whenNeverAMember() {
        fixture.given(founded())
                .when(leave(WEIBO, date("2020-06-30"), null))
                .expectNoEvents()
                .expectException(violation(MemberNotAMember.class, MEMBER_NOT_A_MEMBER))
                .expectExceptionMessage("'weibo' is not a member of 'cewto'");
    }

    @Test
    void leave_rejected_whenAlreadyLeftOnAnotherDate() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-06-30"), null)))
                .when(leave(WEIBO, date("2020-07-31"), null))
                .expectNoEvents()
                .expectException(violation(MemberNotAMember.class, MEMBER_NOT_A_MEMBER))
                .expectExceptionMessage("'weibo' is not a member of 'cewto'");
    }

    @Test
    void leave_rejected_whenAlreadyLeftWithAnotherReason() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-06-30"), "merger")))
                .when(leave(WEIBO, date("2020-06-30"), "insolvency"))
                .expectNoEvents()
                .expectException(violation(MemberNotAMember.class, MEMBER_NOT_A_MEMBER))
                .expectExceptionMessage(containsString("is not a member"));
    }

    @Test
    void leave_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-06-30"), "merger")))
                .when(leave(WEIBO, date("2020-06-30"), "merger"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void leave_rejected_onJoinDate() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(leave(WEIBO, date("2019-03-07"), null))
                .expectNoEvents()
                .expectException(violation(LeaveBeforeJoin.class, LEAVE_BEFORE_JOIN))
                .expectExceptionMessage("leftOn 2019-03-07 must be after the member's joinedOn 2019-03-07");
    }

    @Test
    void leave_rejected_beforeJoinDate() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(leave(WEIBO, date("2019-01-01"), null))
                .expectNoEvents()
                .expectException(violation(LeaveBeforeJoin.class, LEAVE_BEFORE_JOIN))
                .expectExceptionMessage("leftOn 2019-01-01 must be after the member's joinedOn 2019-03-07");
    }

    @Test
    void leave_rejected_whenBeforeTheLatestRejoin() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null),
                        joined(WEIBO, date("2021-01-01"))))
                .when(leave(WEIBO, date("2020-06-30"), null))
                .expectNoEvents()
                .expectException(violation(LeaveBeforeJoin.class, LEAVE_BEFORE_JOIN))
                .expectExceptionMessage(containsString("must be after the member's joinedOn 2021-01-01"));
    }

    static MemberReportFiledEvent reportFiled(Company c, String recordId, String start, String end) {
        return new MemberReportFiledEvent(CEWTO, c.memberId(), recordId, date(start), date(end));
    }

    @Test
    void leave_rejected_whenAnUnretractedReportWouldLieOutsideTheMembership_namingTheRecords() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")),
                        reportFiled(WEIBO, "b-1", "2019-04-01", "2019-06-30"),
                        reportFiled(WEIBO, "b-2", "2019-07-01", "2019-09-30"),
                        reportFiled(BAIDU, "b-3", "2019-07-01", "2019-12-31")))
                .when(leave(WEIBO, date("2019-06-30"), "backdated"))
                .expectNoEvents()
                .expectException(violation(ReportsOutsideMembership.class, REPORTS_OUTSIDE_MEMBERSHIP))
                .expectExceptionMessage("member 'weibo' leaving on 2019-06-30 would leave 2 report(s) outside its "
                        + "membership: b-1 (2019-04-01 to 2019-06-30), b-2 (2019-07-01 to 2019-09-30); retract or "
                        + "correct them first");
    }

    @Test
    void leave_rejected_namingTheFirstTwentyReportsItWouldOrphan_andCountingTheRest() {
        List<Object> reports = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            reports.add(reportFiled(WEIBO, "b-" + i, "2019-07-01", "2019-09-30"));
        }
        List<Object> history = new ArrayList<>(foundedThen(joined(WEIBO, date("2019-03-07"))));
        history.addAll(reports);
        String firstTwenty = java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "b-" + i + " (2019-07-01 to 2019-09-30)")
                .collect(java.util.stream.Collectors.joining(", "));
        fixture.given(history)
                .when(leave(WEIBO, date("2019-06-30"), null))
                .expectNoEvents()
                .expectException(violation(ReportsOutsideMembership.class, REPORTS_OUTSIDE_MEMBERSHIP))
                .expectExceptionMessage("member 'weibo' leaving on 2019-06-30 would leave 25 report(s) outside its "
                        + "membership: " + firstTwenty + " and 5 more; retract or correct them first");
    }

    @Test
    void leave_accepted_theDayAfterTheLastReportedDay_orOnceTheReportIsWithdrawn() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")),
                        reportFiled(WEIBO, "b-1", "2019-04-01", "2019-06-30")))
                .when(leave(WEIBO, date("2019-07-01"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(left(WEIBO, date("2019-07-01"), null));
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")),
                        reportFiled(WEIBO, "b-1", "2019-04-01", "2019-06-30"),
                        new MemberReportWithdrawnEvent(CEWTO, "weibo", "b-1")))
                .when(leave(WEIBO, date("2019-05-01"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(left(WEIBO, date("2019-05-01"), null));
    }

    // ---- CorrectMembershipCommand --------------------------------------------------------------------------

    static final String PLACEHOLDER_NOTE = "joined during the first year; name and date unpublished";

    static MemberJoinedEvent undisclosedJoined() {
        return new MemberJoinedEvent(CEWTO, "undisclosed-1", false, false, null, null, null, null,
                date("2019-03-06"), PLACEHOLDER_NOTE);
    }

    static CorrectMembershipCommand disclose(String joinedOn) {
        return new CorrectMembershipCommand(CEWTO, "undisclosed-1", "Zhuanzhuan", "CN", "Asia", "second-hand",
                joinedOn == null ? null : date(joinedOn), null, "named in the 2020 progress report");
    }

    static MembershipCorrectedEvent disclosed(String joinedOn) {
        return new MembershipCorrectedEvent(CEWTO, "undisclosed-1", true, "Zhuanzhuan", "CN", "Asia", "second-hand",
                date(joinedOn), null, "named in the 2020 progress report");
    }

    @Test
    void correctMembership_accepted_disclosingAnUndisclosedMemberWithItsRealJoinDate() {
        fixture.given(foundedThen(undisclosedJoined()))
                .when(disclose("2018-09-01"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(disclosed("2018-09-01"));
    }

    @Test
    void correctMembership_acceptedAsNoOp_whenRepeated_andTheOriginalJoinStillReadsAsARepeat() {
        fixture.given(foundedThen(undisclosedJoined(), disclosed("2018-09-01")))
                .when(disclose("2018-09-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // The shipped history sends its join again on every start: it must stay a repeat after the disclosure.
        fixture.given(foundedThen(undisclosedJoined(), disclosed("2018-09-01")))
                .when(new JoinCoalitionCommand(CEWTO, "undisclosed-1", false, null, null, null, null,
                        date("2019-03-06"), PLACEHOLDER_NOTE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correctMembership_accepted_correctingALeftOn_andTheNextDepartureRuleUsesTheCorrectedDates() {
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null)))
                .when(new CorrectMembershipCommand(CEWTO, "weibo", null, null, null, null, null, date("2020-03-01"),
                        "left later than first reported"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MembershipCorrectedEvent(CEWTO, "weibo", true, WEIBO.name(), WEIBO.country(),
                        WEIBO.region(), WEIBO.sector(), date("2019-03-07"), date("2020-03-01"),
                        "left later than first reported"));
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07")), left(WEIBO, date("2020-01-01"), null),
                        new MembershipCorrectedEvent(CEWTO, "weibo", true, WEIBO.name(), WEIBO.country(),
                                WEIBO.region(), WEIBO.sector(), date("2019-03-07"), date("2020-03-01"), "r")))
                .when(join(WEIBO, date("2020-02-01")))
                .expectNoEvents()
                .expectException(violation(MemberAlreadyJoined.class, MEMBER_ALREADY_JOINED))
                .expectExceptionMessage(containsString("was a member until 2020-03-01"));
    }

    @Test
    void correctMembership_rejected_whenAReportWouldLieOutside_namingIt() {
        fixture.given(foundedThen(undisclosedJoined(), new MemberReportFiledEvent(CEWTO, "undisclosed-1", "b-9",
                        date("2019-03-06"), date("2019-06-30"))))
                .when(disclose("2019-04-01"))
                .expectNoEvents()
                .expectException(violation(ReportsOutsideMembership.class, REPORTS_OUTSIDE_MEMBERSHIP))
                .expectExceptionMessage(containsString("b-9 (2019-03-06 to 2019-06-30)"));
    }

    @Test
    void correctMembership_rejected_forNeverAMember_leftOnOfACurrentMember_unchangedOrBeforeFounding() {
        fixture.given(founded())
                .when(disclose(null))
                .expectNoEvents()
                .expectException(violation(MemberNotAMember.class, MEMBER_NOT_A_MEMBER))
                .expectExceptionMessage(containsString("has never been a member"));
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(new CorrectMembershipCommand(CEWTO, "weibo", null, null, null, null, null, date("2020-01-01"), "r"))
                .expectNoEvents()
                .expectException(violation(MemberNotAMember.class, MEMBER_NOT_A_MEMBER))
                .expectExceptionMessage(containsString("record its departure instead"));
        fixture.given(foundedThen(joined(WEIBO, date("2019-03-07"))))
                .when(new CorrectMembershipCommand(CEWTO, "weibo", null, null, null, null, date("2019-03-07"), null, "r"))
                .expectNoEvents()
                .expectException(violation(CorrectionChangesNothing.class, CORRECTION_CHANGES_NOTHING))
                .expectExceptionMessage(containsString("nothing to restate"));
        fixture.given(foundedThen(undisclosedJoined()))
                .when(disclose("2018-01-01"))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage("joinedOn 2018-01-01 is before the coalition's founding date 2018-03-07");
    }

    // ---- SetGoalCommand ------------------------------------------------------------------------------------


    @Test
    void goal_accepted_afterFounding() {
        fixture.given(founded())
                .when(setGoal(listingsGoal(), date("2019-03-07")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GoalSetEvent(CEWTO, "listings-2025", "Halve listings of protected species",
                        GoalMetric.LISTINGS_REMOVED, 1_000_000L, new BigDecimal("50"),
                        date("2025-12-31"), date("2019-03-07")));
    }

    @Test
    void goal_accepted_onFoundingDate() {
        fixture.given(founded())
                .when(setGoal(listingsGoal(), FOUNDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(goalSet(listingsGoal(), FOUNDED));
    }

    @Test
    void goal_rejected_beforeFoundingDate() {
        fixture.given(founded())
                .when(setGoal(listingsGoal(), date("2018-03-06")))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage("setOn 2018-03-06 is before the coalition's founding date 2018-03-07");
    }

    @Test
    void goal_rejected_whenIdReusedWithDifferentContent() {
        Goal changed = new Goal("listings-2025", "Halve listings of protected species",
                GoalMetric.LISTINGS_REMOVED, 1_000_000L, new BigDecimal("60.00"), date("2025-12-31"));
        fixture.given(foundedThen(goalSet(listingsGoal(), date("2019-03-07"))))
                .when(setGoal(changed, date("2019-03-07")))
                .expectNoEvents()
                .expectException(violation(GoalConflict.class, GOAL_CONFLICT))
                .expectExceptionMessage("goal 'listings-2025' already exists with different content");
    }

    @Test
    void goal_rejected_whenIdReusedOnAnotherDate() {
        fixture.given(foundedThen(goalSet(listingsGoal(), date("2019-03-07"))))
                .when(setGoal(listingsGoal(), date("2019-03-08")))
                .expectNoEvents()
                .expectException(violation(GoalConflict.class, GOAL_CONFLICT))
                .expectExceptionMessage(containsString("'listings-2025' already exists"));
    }

    @Test
    void goal_rejected_whenFoundingGoalIdReusedWithDifferentContent() {
        fixture.given(founded())
                .when(setGoal(goal("reduce-80-by-2020", new BigDecimal("90"), date("2020-12-31")), FOUNDED))
                .expectNoEvents()
                .expectException(violation(GoalConflict.class, GOAL_CONFLICT))
                .expectExceptionMessage("goal 'reduce-80-by-2020' already exists with different content");
    }

    @Test
    void goal_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(foundedThen(goalSet(listingsGoal(), date("2019-03-07"))))
                .when(setGoal(listingsGoal(), date("2019-03-07")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void goal_acceptedAsNoOp_whenFoundingGoalRepeated() {
        fixture.given(founded())
                .when(setGoal(foundingGoal(), FOUNDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
