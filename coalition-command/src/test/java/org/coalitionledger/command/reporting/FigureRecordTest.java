package org.coalitionledger.command.reporting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.RetractRecordCommand;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.command.coalition.CoalitionFacts;
import org.coalitionledger.command.coalition.MembershipHistory;
import org.coalitionledger.command.coalition.RecordingMemberReports;
import org.coalitionledger.command.rules.BeforeFoundingDate;
import org.coalitionledger.command.rules.CoalitionNotFound;
import org.coalitionledger.command.rules.CorrectionChangesNothing;
import org.coalitionledger.command.rules.CorrectionNotApplicable;
import org.coalitionledger.command.rules.InvalidFigures;
import org.coalitionledger.command.rules.RecordConflict;
import org.coalitionledger.command.rules.RecordNotFound;
import org.coalitionledger.command.rules.RecordRetracted;
import org.coalitionledger.command.rules.ReporterNotAMemberForPeriod;
import org.coalitionledger.command.rules.StaleRecordVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.coalitionledger.api.error.CoalitionErrorCode.ALL_FIGURES_ZERO;
import static org.coalitionledger.api.error.CoalitionErrorCode.BEFORE_FOUNDING_DATE;
import static org.coalitionledger.api.error.CoalitionErrorCode.COALITION_NOT_FOUND;
import static org.coalitionledger.api.error.CoalitionErrorCode.CORRECTION_CHANGES_NOTHING;
import static org.coalitionledger.api.error.CoalitionErrorCode.CORRECTION_NOT_APPLICABLE;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_AMOUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.RECORD_CONFLICT;
import static org.coalitionledger.api.error.CoalitionErrorCode.RECORD_NOT_FOUND;
import static org.coalitionledger.api.error.CoalitionErrorCode.RECORD_RETRACTED;
import static org.coalitionledger.api.error.CoalitionErrorCode.REPORTER_NOT_A_MEMBER_FOR_PERIOD;
import static org.coalitionledger.api.error.CoalitionErrorCode.STALE_RECORD_VERSION;
import static org.coalitionledger.command.rules.RuleViolationMatcher.violation;
import static org.hamcrest.Matchers.containsString;

/**
 * Every command path of {@link FigureRecord}. The coalition it reads is folded by {@link MembershipHistory} from
 * real coalition events:
 * <ul>
 *     <li>founded 2018-03-07, with founding member baidu;</li>
 *     <li>tencent joined 2018-06-01, left 2019-06-01 (last member day 2019-05-31), rejoined 2019-09-01;</li>
 *     <li>weibo joined 2019-03-07.</li>
 * </ul>
 */
class FigureRecordTest {

    static final String CEWTO = "cewto";
    static final LocalDate FOUNDED = LocalDate.of(2018, 3, 7);
    static final String SCOPE = "China-based members";
    static final String SOURCE = "https://example.org/cewto-anniversary-report-2019";
    static final List<String> CATEGORIES = List.of("ivory", "pangolin scales");

    static final Reporter BAIDU = member("baidu");
    static final Reporter TENCENT = member("tencent");
    static final Reporter WEIBO = member("weibo");
    static final Reporter WWF = new Reporter(ReporterType.NGO, null, "WWF");
    static final Reporter POLICE = new Reporter(ReporterType.AGENCY, null, "Forest Police Bureau");

    private FixtureConfiguration<FigureRecord> fixture;

    /** The coalition's own events, as its stream would hold them. */
    static List<Object> coalitionEvents() {
        return List.of(
                new CoalitionFoundedEvent(CEWTO, "Coalition to End Wildlife Trafficking Online", FOUNDED,
                        List.of("WWF", "TRAFFIC", "IFAW")),
                joined("baidu", FOUNDED, true),
                joined("tencent", date("2018-06-01"), false),
                joined("weibo", date("2019-03-07"), false),
                new MemberLeftEvent(CEWTO, "tencent", date("2019-06-01"), "restructuring"),
                joined("tencent", date("2019-09-01"), false));
    }

    private final RecordingMemberReports memberReports = new RecordingMemberReports();

    @BeforeEach
    void setUp() {
        CoalitionFacts coalitionFacts = id -> CEWTO.equals(id) ? MembershipHistory.of(coalitionEvents())
                : Optional.empty();
        fixture = new AggregateTestFixture<>(FigureRecord.class);
        fixture.registerInjectableResource(coalitionFacts);
        fixture.registerInjectableResource(memberReports);
    }

    // ---- builders ------------------------------------------------------------------------------------------

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static Reporter member(String memberId) {
        return new Reporter(ReporterType.MEMBER, memberId, null);
    }

    static MemberJoinedEvent joined(String memberId, LocalDate on, boolean founding) {
        return new MemberJoinedEvent(CEWTO, memberId, founding, true, memberId, "CN", "Asia", "Internet", on, null);
    }

    static RecordTakedownBatchCommand takedown(String coalitionId, Reporter reporter, String start, String end) {
        return new RecordTakedownBatchCommand(coalitionId, "b-1", reporter, date(start), date(end), 1000L, 200L, 30L,
                CATEGORIES, SCOPE, SOURCE);
    }

    static RecordTakedownBatchCommand takedown(Reporter reporter, String start, String end) {
        return takedown(CEWTO, reporter, start, end);
    }

    static TakedownBatchRecordedEvent takedownRecorded(Reporter r, String start, String end) {
        return new TakedownBatchRecordedEvent(CEWTO, "b-1", TakedownBatchRecordedEvent.ReportedBy.of(r), date(start), date(end),
                1000, 200, 30, CATEGORIES, SCOPE, SOURCE);
    }

    /** The batch most tests correct: baidu's 2018 batch of 1000 listings, 200 ads, 30 accounts. */
    static TakedownBatchRecordedEvent batch() {
        return takedownRecorded(BAIDU, "2018-03-07", "2018-12-31");
    }

    static RecordArrestCommand arrest(String coalitionId, String date, long count) {
        return new RecordArrestCommand(coalitionId, "a-1", date(date), count, "CN", "Forest Police Bureau", SCOPE,
                SOURCE);
    }

    static ArrestRecordedEvent arrestRecorded(String date, long count) {
        return new ArrestRecordedEvent(CEWTO, "a-1", date(date), count, "CN", "Forest Police Bureau", SCOPE, SOURCE);
    }

    static RecordConfiscationCommand confiscation(String coalitionId, String date, String amount) {
        return new RecordConfiscationCommand(coalitionId, "c-1", date(date), new BigDecimal(amount), "CNY",
                new BigDecimal("6.7202"), date("2019-03-01"), "People's Bank of China", "CN", SCOPE, SOURCE);
    }

    static ConfiscationRecordedEvent confiscationRecorded(String date, String amount) {
        return new ConfiscationRecordedEvent(CEWTO, "c-1", date(date), new BigDecimal(amount), "CNY",
                new BigDecimal("6.7202"), date("2019-03-01"), "People's Bank of China", "CN", SCOPE, SOURCE);
    }

    static ConfiscationRecordedEvent yenConfiscation() {
        return new ConfiscationRecordedEvent(CEWTO, "c-1", date("2019-02-20"), new BigDecimal("5000000"), "JPY",
                new BigDecimal("110.45"), date("2019-03-01"), "Bank of Japan", "JP", SCOPE, SOURCE);
    }

    static Correction correct(String recordId) {
        return new Correction(recordId);
    }

    /** Builds a {@link CorrectRecordCommand}: set the figures that change, then give the reason. */
    static final class Correction {
        private String coalitionId = CEWTO;
        private final String recordId;
        private Long listings, ads, accounts, count;
        private BigDecimal amount, usdRate;
        private LocalDate rateDate;
        private String rateSource;
        private Long expectedVersion;

        Correction(String recordId) {
            this.recordId = recordId;
        }

        Correction inCoalition(String id) { coalitionId = id; return this; }
        Correction listings(long v) { listings = v; return this; }
        Correction ads(long v) { ads = v; return this; }
        Correction accounts(long v) { accounts = v; return this; }
        Correction count(long v) { count = v; return this; }
        Correction amount(String v) { amount = new BigDecimal(v); return this; }
        Correction usdRate(String v) { usdRate = new BigDecimal(v); return this; }
        Correction rateDate(String v) { rateDate = date(v); return this; }
        Correction rateSource(String v) { rateSource = v; return this; }
        Correction atVersion(long v) { expectedVersion = v; return this; }

        CorrectRecordCommand because(String reason) {
            return new CorrectRecordCommand(coalitionId, recordId, listings, ads, accounts, count, amount, usdRate,
                    rateDate, rateSource, reason, expectedVersion);
        }
    }

    static RetractRecordCommand retract(String coalitionId, String recordId, String reason) {
        return new RetractRecordCommand(coalitionId, recordId, reason);
    }

    // ---- RecordTakedownBatchCommand ------------------------------------------------------------------------

    @Test
    void takedown_accepted_forMemberInsideMembership() {
        fixture.givenNoPriorActivity()
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(batch());
    }

    @Test
    void takedown_accepted_filesAMembersReportOnTheCoalition_butNotAnNgoReport() {
        fixture.givenNoPriorActivity()
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(batch());
        fixture.givenNoPriorActivity().when(takedown(WWF, "2018-03-07", "2018-12-31"))
                .expectSuccessfulHandlerExecution();
        org.assertj.core.api.Assertions.assertThat(memberReports.calls)
                .containsExactly("filed cewto/baidu/b-1 2018-03-07..2018-12-31");
    }

    @Test
    void retract_accepted_withdrawsAMembersReportFromTheCoalition() {
        fixture.given(batch())
                .when(retract(CEWTO, "b-1", "duplicate"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RecordRetractedEvent(CEWTO, "b-1", "duplicate"));
        org.assertj.core.api.Assertions.assertThat(memberReports.calls).containsExactly("withdrawn cewto/baidu/b-1");
    }

    @Test
    void takedown_accepted_forMemberOnLastDayBeforeLeaving() {
        fixture.givenNoPriorActivity()
                .when(takedown(TENCENT, "2018-06-01", "2019-05-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(takedownRecorded(TENCENT, "2018-06-01", "2019-05-31"));
    }

    @Test
    void takedown_accepted_forMemberAfterRejoining() {
        fixture.givenNoPriorActivity()
                .when(takedown(TENCENT, "2019-09-01", "2019-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(takedownRecorded(TENCENT, "2019-09-01", "2019-12-31"));
    }

    @Test
    void takedown_accepted_forNgoReporterWhateverTheMemberships() {
        fixture.givenNoPriorActivity()
                .when(takedown(WWF, "2018-03-07", "2019-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TakedownBatchRecordedEvent(CEWTO, "b-1", new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO, null, "WWF"),
                        date("2018-03-07"), date("2019-12-31"), 1000, 200, 30, CATEGORIES, SCOPE, SOURCE));
    }

    @Test
    void takedown_accepted_forAgencyReporter() {
        fixture.givenNoPriorActivity()
                .when(takedown(POLICE, "2019-01-01", "2019-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(takedownRecorded(POLICE, "2019-01-01", "2019-12-31"));
    }

    @Test
    void takedown_rejected_forUnknownCoalition() {
        fixture.givenNoPriorActivity()
                .when(takedown("no-such-coalition", WWF, "2019-01-01", "2019-12-31"))
                .expectNoEvents()
                .expectException(violation(CoalitionNotFound.class, COALITION_NOT_FOUND))
                .expectExceptionMessage("no coalition 'no-such-coalition' has been founded");
    }

    @Test
    void takedown_rejected_beforeFoundingDate() {
        fixture.givenNoPriorActivity()
                .when(takedown(WWF, "2018-03-06", "2018-12-31"))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage("periodStart 2018-03-06 is before the coalition's founding date 2018-03-07");
    }

    @Test
    void takedown_rejected_whenMemberReportsForPeriodBeforeJoining() {
        fixture.givenNoPriorActivity()
                .when(takedown(WEIBO, "2019-01-01", "2019-03-31"))
                .expectNoEvents()
                .expectException(violation(ReporterNotAMemberForPeriod.class, REPORTER_NOT_A_MEMBER_FOR_PERIOD))
                .expectExceptionMessage(containsString(
                        "reporter 'weibo' was not a member throughout 2019-01-01 to 2019-03-31"));
    }

    @Test
    void takedown_rejected_whenMemberReportsForPeriodAfterLeaving() {
        fixture.givenNoPriorActivity()
                .when(takedown(TENCENT, "2019-06-01", "2019-06-30"))
                .expectNoEvents()
                .expectException(violation(ReporterNotAMemberForPeriod.class, REPORTER_NOT_A_MEMBER_FOR_PERIOD))
                .expectExceptionMessage(containsString(
                        "reporter 'tencent' was not a member throughout 2019-06-01 to 2019-06-30"));
    }

    @Test
    void takedown_rejected_whenPeriodSpansTheMembersLeaveAndRejoin() {
        fixture.givenNoPriorActivity()
                .when(takedown(TENCENT, "2019-05-01", "2019-10-31"))
                .expectNoEvents()
                .expectException(violation(ReporterNotAMemberForPeriod.class, REPORTER_NOT_A_MEMBER_FOR_PERIOD))
                .expectExceptionMessage(containsString("was not a member throughout 2019-05-01 to 2019-10-31"));
    }

    @Test
    void takedown_rejected_whenPeriodEndsOnTheDayTheMemberLeft() {
        fixture.givenNoPriorActivity()
                .when(takedown(TENCENT, "2019-01-01", "2019-06-01"))
                .expectNoEvents()
                .expectException(violation(ReporterNotAMemberForPeriod.class, REPORTER_NOT_A_MEMBER_FOR_PERIOD))
                .expectExceptionMessage(containsString("was not a member throughout 2019-01-01 to 2019-06-01"));
    }

    @Test
    void takedown_rejected_whenReporterNeverJoined() {
        fixture.givenNoPriorActivity()
                .when(takedown(member("sogou"), "2019-01-01", "2019-03-31"))
                .expectNoEvents()
                .expectException(violation(ReporterNotAMemberForPeriod.class, REPORTER_NOT_A_MEMBER_FOR_PERIOD))
                .expectExceptionMessage(containsString("reporter 'sogou' was not a member throughout"));
    }

    @Test
    void takedown_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(batch())
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void takedown_acceptedAsNoOp_whenRepeatedAfterRetraction() {
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate"))
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void takedown_rejected_whenIdReusedWithDifferentContent() {
        fixture.given(batch())
                .when(takedown(BAIDU, "2018-03-07", "2018-12-30"))
                .expectNoEvents()
                .expectException(violation(RecordConflict.class, RECORD_CONFLICT))
                .expectExceptionMessage("record 'b-1' already exists with different content");
    }

    // ---- RecordArrestCommand -------------------------------------------------------------------------------

    @Test
    void arrest_accepted() {
        fixture.givenNoPriorActivity()
                .when(arrest(CEWTO, "2019-05-10", 5))
                .expectSuccessfulHandlerExecution()
                .expectEvents(arrestRecorded("2019-05-10", 5));
    }

    @Test
    void arrest_accepted_onFoundingDate() {
        fixture.givenNoPriorActivity()
                .when(arrest(CEWTO, "2018-03-07", 5))
                .expectSuccessfulHandlerExecution()
                .expectEvents(arrestRecorded("2018-03-07", 5));
    }

    @Test
    void arrest_rejected_forUnknownCoalition() {
        fixture.givenNoPriorActivity()
                .when(arrest("other", "2019-05-10", 5))
                .expectNoEvents()
                .expectException(violation(CoalitionNotFound.class, COALITION_NOT_FOUND))
                .expectExceptionMessage("no coalition 'other' has been founded");
    }

    @Test
    void arrest_rejected_beforeFoundingDate() {
        fixture.givenNoPriorActivity()
                .when(arrest(CEWTO, "2018-03-06", 5))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage("date 2018-03-06 is before the coalition's founding date 2018-03-07");
    }

    @Test
    void arrest_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(arrest(CEWTO, "2019-05-10", 5))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void arrest_rejected_whenIdReusedWithDifferentContent() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(arrest(CEWTO, "2019-05-10", 6))
                .expectNoEvents()
                .expectException(violation(RecordConflict.class, RECORD_CONFLICT))
                .expectExceptionMessage("record 'a-1' already exists with different content");
    }

    // ---- RecordConfiscationCommand -------------------------------------------------------------------------

    @Test
    void confiscation_accepted() {
        fixture.givenNoPriorActivity()
                .when(confiscation(CEWTO, "2019-02-20", "18000000.00"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(confiscationRecorded("2019-02-20", "18000000.00"));
    }

    @Test
    void confiscation_rejected_forUnknownCoalition() {
        fixture.givenNoPriorActivity()
                .when(confiscation("other", "2019-02-20", "18000000.00"))
                .expectNoEvents()
                .expectException(violation(CoalitionNotFound.class, COALITION_NOT_FOUND))
                .expectExceptionMessage("no coalition 'other' has been founded");
    }

    @Test
    void confiscation_rejected_beforeFoundingDate() {
        fixture.givenNoPriorActivity()
                .when(confiscation(CEWTO, "2017-12-31", "18000000.00"))
                .expectNoEvents()
                .expectException(violation(BeforeFoundingDate.class, BEFORE_FOUNDING_DATE))
                .expectExceptionMessage("date 2017-12-31 is before the coalition's founding date 2018-03-07");
    }

    @Test
    void confiscation_acceptedAsNoOp_whenRepeatedIdentically() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(confiscation(CEWTO, "2019-02-20", "18000000.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void confiscation_rejected_whenIdReusedWithDifferentContent() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(confiscation(CEWTO, "2019-02-20", "19000000.00"))
                .expectNoEvents()
                .expectException(violation(RecordConflict.class, RECORD_CONFLICT))
                .expectExceptionMessage("record 'c-1' already exists with different content");
    }

    @Test
    void confiscation_rejected_whenIdTakenByAnotherKindOfRecord() {
        fixture.given(new ArrestRecordedEvent(CEWTO, "c-1", date("2019-02-20"), 5, "CN", "Customs", SCOPE, SOURCE))
                .when(confiscation(CEWTO, "2019-02-20", "18000000.00"))
                .expectNoEvents()
                .expectException(violation(RecordConflict.class, RECORD_CONFLICT))
                .expectExceptionMessage("record 'c-1' already exists with different content");
    }

    // ---- CorrectRecordCommand ------------------------------------------------------------------------------

    static final ArrestRecordCorrectedEvent CORRECTION_A = new ArrestRecordCorrectedEvent(CEWTO, "a-1", 6, "court");
    static final ArrestRecordCorrectedEvent CORRECTION_B = new ArrestRecordCorrectedEvent(CEWTO, "a-1", 7, "appeal");

    @Test
    void correct_acceptedAsNoOp_whenAnEarlierCorrectionArrivesLate_neverRevertingTheLaterOne() {
        fixture.given(arrestRecorded("2019-05-10", 5), CORRECTION_A, CORRECTION_B)
                .when(correct("a-1").count(6).because("court"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correct_accepted_atTheRecordsCurrentVersion() {
        fixture.given(arrestRecorded("2019-05-10", 5), CORRECTION_A)
                .when(correct("a-1").count(7).atVersion(1).because("appeal"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CORRECTION_B);
    }

    @Test
    void correct_acceptedAsNoOp_whenTheCorrectionMadeAtItsVersionIsRepeated() {
        fixture.given(arrestRecorded("2019-05-10", 5), CORRECTION_A, CORRECTION_B)
                .when(correct("a-1").count(6).atVersion(0).because("court"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correct_rejected_whenTheRecordChangedSinceTheExpectedVersion() {
        fixture.given(arrestRecorded("2019-05-10", 5), CORRECTION_A, CORRECTION_B)
                .when(correct("a-1").count(8).atVersion(1).because("another appeal"))
                .expectNoEvents()
                .expectException(violation(StaleRecordVersion.class, STALE_RECORD_VERSION))
                .expectExceptionMessage("record 'a-1' is at version 2, not 1: it changed after it was read; read it"
                        + " again before correcting it");
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").count(6).atVersion(3).because("court"))
                .expectNoEvents()
                .expectException(violation(StaleRecordVersion.class, STALE_RECORD_VERSION));
    }

    @Test
    void correct_accepted_forTakedownBatch_keepingTheFiguresNotGiven() {
        fixture.given(batch())
                .when(correct("b-1").listings(1200).because("recount of March listings"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TakedownBatchCorrectedEvent(CEWTO, "b-1", 1200, 200, 30,
                        "recount of March listings"));
    }

    @Test
    void correct_accepted_forTakedownBatch_whenOneFigureBecomesZero() {
        fixture.given(batch())
                .when(correct("b-1").ads(0).accounts(31).because("ads were counted twice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TakedownBatchCorrectedEvent(CEWTO, "b-1", 1000, 0, 31, "ads were counted twice"));
    }

    @Test
    void correct_accepted_forArrest() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").count(6).because("court records"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ArrestRecordCorrectedEvent(CEWTO, "a-1", 6, "court records"));
    }

    @Test
    void correct_accepted_forConfiscation() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(correct("c-1").amount("18500000.50").usdRate("6.7").because("customs final figure"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConfiscationRecordCorrectedEvent(CEWTO, "c-1", new BigDecimal("18500000.50"),
                        new BigDecimal("6.7"), date("2019-03-01"), "People's Bank of China",
                        "customs final figure"));
    }

    @Test
    void correct_accepted_forConfiscationRateDateAndSourceOnly() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(correct("c-1").rateDate("2019-02-20").rateSource("SAFE").because("rate of the seizure day"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConfiscationRecordCorrectedEvent(CEWTO, "c-1", new BigDecimal("18000000.00"),
                        new BigDecimal("6.7202"), date("2019-02-20"), "SAFE", "rate of the seizure day"));
    }

    @Test
    void correct_rejected_whenTakedownFiguresDoNotChange() {
        fixture.given(batch())
                .when(correct("b-1").listings(1000).ads(200).because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionChangesNothing.class, CORRECTION_CHANGES_NOTHING))
                .expectExceptionMessage("the correction gives the record's current figures; nothing to restate");
    }

    @Test
    void correct_rejected_whenArrestCountDoesNotChange() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").count(5).because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionChangesNothing.class, CORRECTION_CHANGES_NOTHING))
                .expectExceptionMessage(containsString("nothing to restate"));
    }

    @Test
    void correct_rejected_whenConfiscationAmountDiffersOnlyInScale() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(correct("c-1").amount("18000000.0").usdRate("6.72020").because("restated"))
                .expectNoEvents()
                .expectException(violation(CorrectionChangesNothing.class, CORRECTION_CHANGES_NOTHING))
                .expectExceptionMessage(containsString("nothing to restate"));
    }

    @Test
    void correct_rejected_whenLastCorrectionRepeatedWithAnotherReason() {
        fixture.given(batch(), new TakedownBatchCorrectedEvent(CEWTO, "b-1", 1200, 200, 30, "recount"))
                .when(correct("b-1").listings(1200).because("another recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionChangesNothing.class, CORRECTION_CHANGES_NOTHING))
                .expectExceptionMessage(containsString("nothing to restate"));
    }

    @Test
    void correct_acceptedAsNoOp_whenLastTakedownCorrectionRepeated() {
        fixture.given(batch(), new TakedownBatchCorrectedEvent(CEWTO, "b-1", 1200, 200, 30, "recount"))
                .when(correct("b-1").listings(1200).because("recount"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correct_acceptedAsNoOp_whenLastArrestCorrectionRepeated() {
        fixture.given(arrestRecorded("2019-05-10", 5), new ArrestRecordCorrectedEvent(CEWTO, "a-1", 6, "court"))
                .when(correct("a-1").count(6).because("court"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correct_acceptedAsNoOp_whenLastConfiscationCorrectionRepeated() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"),
                        new ConfiscationRecordCorrectedEvent(CEWTO, "c-1", new BigDecimal("18500000.50"),
                                new BigDecimal("6.7202"), date("2019-03-01"), "People's Bank of China", "customs"))
                .when(correct("c-1").amount("18500000.50").because("customs"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correct_rejected_whenCountGivenForTakedownBatch() {
        fixture.given(batch())
                .when(correct("b-1").listings(1200).count(3).because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionNotApplicable.class, CORRECTION_NOT_APPLICABLE))
                .expectExceptionMessage("count does not apply to record 'b-1' (takedown batch)");
    }

    @Test
    void correct_rejected_whenAmountGivenForTakedownBatch() {
        fixture.given(batch())
                .when(correct("b-1").amount("100").because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionNotApplicable.class, CORRECTION_NOT_APPLICABLE))
                .expectExceptionMessage("amount does not apply to record 'b-1' (takedown batch)");
    }

    @Test
    void correct_rejected_whenTakedownFigureGivenForArrest() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").count(6).listings(10).because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionNotApplicable.class, CORRECTION_NOT_APPLICABLE))
                .expectExceptionMessage(containsString("listingsRemoved does not apply to record"));
    }

    @Test
    void correct_rejected_whenRateGivenForArrest() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").usdRate("6.7").because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionNotApplicable.class, CORRECTION_NOT_APPLICABLE))
                .expectExceptionMessage(containsString("usdRate does not apply to record"));
    }

    @Test
    void correct_rejected_whenCountGivenForConfiscation() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(correct("c-1").count(2).because("recount"))
                .expectNoEvents()
                .expectException(violation(CorrectionNotApplicable.class, CORRECTION_NOT_APPLICABLE))
                .expectExceptionMessage("count does not apply to record 'c-1' (confiscation)");
    }

    @Test
    void correct_rejected_whenTakedownFiguresBecomeAllZero() {
        fixture.given(batch())
                .when(correct("b-1").listings(0).ads(0).accounts(0).because("not wildlife"))
                .expectNoEvents()
                .expectException(violation(InvalidFigures.class, ALL_FIGURES_ZERO))
                .expectExceptionMessage("the corrected figures are all 0: retract the record instead");
    }

    @Test
    void correct_rejected_whenTheOnlyNonZeroTakedownFigureBecomesZero() {
        fixture.given(batch(), new TakedownBatchCorrectedEvent(CEWTO, "b-1", 1000, 0, 0, "only listings"))
                .when(correct("b-1").listings(0).because("not wildlife"))
                .expectNoEvents()
                .expectException(violation(InvalidFigures.class, ALL_FIGURES_ZERO))
                .expectExceptionMessage(containsString("retract the record instead"));
    }

    @Test
    void correct_rejected_whenArrestCountBecomesZero() {
        fixture.given(arrestRecorded("2019-05-10", 5))
                .when(correct("a-1").count(0).because("released"))
                .expectNoEvents()
                .expectException(violation(InvalidFigures.class, ALL_FIGURES_ZERO))
                .expectExceptionMessage("the corrected count is 0: retract the record instead");
    }

    @Test
    void correct_rejected_whenConfiscationAmountHasMoreDecimalsThanCurrency() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"))
                .when(correct("c-1").amount("18000000.005").because("restated"))
                .expectNoEvents()
                .expectException(violation(InvalidFigures.class, INVALID_AMOUNT))
                .expectExceptionMessage("amount must have at most 2 decimals for CNY");
    }

    @Test
    void correct_rejected_whenYenAmountHasDecimals() {
        fixture.given(yenConfiscation())
                .when(correct("c-1").amount("5000000.5").because("restated"))
                .expectNoEvents()
                .expectException(violation(InvalidFigures.class, INVALID_AMOUNT))
                .expectExceptionMessage("amount must have at most 0 decimals for JPY");
    }

    @Test
    void correct_rejected_afterRetraction() {
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate of b-0"))
                .when(correct("b-1").listings(1200).because("recount"))
                .expectNoEvents()
                .expectException(violation(RecordRetracted.class, RECORD_RETRACTED))
                .expectExceptionMessage("record 'b-1' was retracted (duplicate of b-0); a retracted record is final");
    }

    @Test
    void correct_rejected_whenNamingAnotherCoalition() {
        fixture.given(batch())
                .when(correct("b-1").inCoalition("other").listings(1200).because("recount"))
                .expectNoEvents()
                .expectException(violation(RecordNotFound.class, RECORD_NOT_FOUND))
                .expectExceptionMessage("coalition 'other' has no record 'b-1'");
    }

    // ---- RetractRecordCommand ------------------------------------------------------------------------------

    @Test
    void retract_accepted() {
        fixture.given(batch())
                .when(retract(CEWTO, "b-1", " duplicate of b-0 "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RecordRetractedEvent(CEWTO, "b-1", "duplicate of b-0"));
    }

    @Test
    void retract_accepted_afterCorrection() {
        fixture.given(confiscationRecorded("2019-02-20", "18000000.00"),
                        new ConfiscationRecordCorrectedEvent(CEWTO, "c-1", new BigDecimal("18500000.50"),
                                new BigDecimal("6.7202"), date("2019-03-01"), "People's Bank of China", "customs"))
                .when(retract(CEWTO, "c-1", "seizure was of timber, not wildlife"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RecordRetractedEvent(CEWTO, "c-1", "seizure was of timber, not wildlife"));
    }

    @Test
    void retract_acceptedAsNoOp_whenRepeatedWithSameReason() {
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate of b-0"))
                .when(retract(CEWTO, "b-1", "duplicate of b-0"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void retract_rejected_whenAlreadyRetractedForAnotherReason() {
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate of b-0"))
                .when(retract(CEWTO, "b-1", "not wildlife"))
                .expectNoEvents()
                .expectException(violation(RecordRetracted.class, RECORD_RETRACTED))
                .expectExceptionMessage("record 'b-1' was retracted (duplicate of b-0); a retracted record is final");
    }

    @Test
    void retract_rejected_whenNamingAnotherCoalition() {
        fixture.given(batch())
                .when(retract("other", "b-1", "duplicate of b-0"))
                .expectNoEvents()
                .expectException(violation(RecordNotFound.class, RECORD_NOT_FOUND))
                .expectExceptionMessage("coalition 'other' has no record 'b-1'");
    }

    @Test
    void retract_rejected_whenNamingAnotherCoalition_afterRetraction() {
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate of b-0"))
                .when(retract("other", "b-1", "duplicate of b-0"))
                .expectNoEvents()
                .expectException(violation(RecordNotFound.class, RECORD_NOT_FOUND))
                .expectExceptionMessage("coalition 'other' has no record 'b-1'");
    }
}
