package org.coalitionledger.command.reporting;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.error.CoalitionError;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.command.coalition.CoalitionFacts;
import org.coalitionledger.command.coalition.MembershipHistory;
import org.coalitionledger.command.coalition.RecordingMemberReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.coalitionledger.api.error.CoalitionErrorCode.ACTOR_MISSING;
import static org.coalitionledger.api.error.CoalitionErrorCode.ALL_FIGURES_ZERO;
import static org.coalitionledger.api.error.CoalitionErrorCode.COALITION_NOT_FOUND;
import static org.coalitionledger.api.error.CoalitionErrorCode.RECORD_NOT_FOUND;
import static org.coalitionledger.api.error.CoalitionErrorCode.RECORD_RETRACTED;
import static org.coalitionledger.api.error.CoalitionErrorCode.REPORTER_NOT_A_MEMBER_FOR_PERIOD;
import static org.coalitionledger.command.config.InterceptedFixtures.ADMIN;
import static org.coalitionledger.command.config.InterceptedFixtures.actorMissing;
import static org.coalitionledger.command.config.InterceptedFixtures.coalitionError;
import static org.coalitionledger.command.config.InterceptedFixtures.intercepted;
import static org.coalitionledger.command.reporting.FigureRecordTest.BAIDU;
import static org.coalitionledger.command.reporting.FigureRecordTest.CEWTO;
import static org.coalitionledger.command.reporting.FigureRecordTest.WEIBO;
import static org.coalitionledger.command.reporting.FigureRecordTest.WWF;
import static org.coalitionledger.command.reporting.FigureRecordTest.batch;
import static org.coalitionledger.command.reporting.FigureRecordTest.coalitionEvents;
import static org.coalitionledger.command.reporting.FigureRecordTest.correct;
import static org.coalitionledger.command.reporting.FigureRecordTest.retract;
import static org.coalitionledger.command.reporting.FigureRecordTest.takedown;
import static org.hamcrest.Matchers.containsString;

/** {@link FigureRecord} behind the production interceptors. */
class FigureRecordCommandErrorDetailsTest {

    private FixtureConfiguration<FigureRecord> fixture;

    private final RecordingMemberReports memberReports = new RecordingMemberReports();

    @BeforeEach
    void setUp() {
        CoalitionFacts coalitionFacts = id -> CEWTO.equals(id) ? MembershipHistory.of(coalitionEvents())
                : Optional.empty();
        fixture = intercepted(new AggregateTestFixture<>(FigureRecord.class));
        fixture.registerInjectableResource(coalitionFacts);
        fixture.registerInjectableResource(memberReports);
    }

    @Test
    void takedown_accepted_withActorMetadata() {
        fixture.givenNoPriorActivity()
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"), ADMIN)
                .expectSuccessfulHandlerExecution()
                .expectEvents(batch());
    }

    @Test
    void takedown_rejectedWithActorMissing_withoutMetadata() {
        String message = actorMissing(RecordTakedownBatchCommand.class, LedgerMetadata.ACTOR);
        fixture.givenNoPriorActivity()
                .when(takedown(BAIDU, "2018-03-07", "2018-12-31"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void takedown_rejectedWithDetails_whenReporterNotAMemberForPeriod() {
        fixture.givenNoPriorActivity()
                .when(takedown(WEIBO, "2019-01-01", "2019-03-31"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(containsString("reporter 'weibo' was not a member throughout"))
                .expectExceptionDetails(coalitionError(REPORTER_NOT_A_MEMBER_FOR_PERIOD,
                        containsString("reporter 'weibo' was not a member throughout 2019-01-01 to 2019-03-31")));
    }

    @Test
    void takedown_rejectedWithDetails_whenCoalitionUnknown() {
        String message = "no coalition 'other' has been founded";
        fixture.givenNoPriorActivity()
                .when(takedown("other", WWF, "2019-01-01", "2019-03-31"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(COALITION_NOT_FOUND, message));
    }

    @Test
    void correct_rejectedWithDetails_whenFiguresBecomeAllZero() {
        String message = "the corrected figures are all 0: retract the record instead";
        fixture.given(batch())
                .when(correct("b-1").listings(0).ads(0).accounts(0).because("not wildlife"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ALL_FIGURES_ZERO, message));
    }

    @Test
    void correct_rejectedWithDetails_afterRetraction() {
        String message = "record 'b-1' was retracted (duplicate); a retracted record is final";
        fixture.given(batch(), new RecordRetractedEvent(CEWTO, "b-1", "duplicate"))
                .when(correct("b-1").listings(1200).because("recount"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(RECORD_RETRACTED, message));
    }

    @Test
    void correct_rejectedWithRecordNotFound_whenNoSuchRecord() {
        fixture.givenNoPriorActivity()
                .when(correct("b-1").listings(1200).because("recount"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(containsString("no such record"))
                .expectExceptionDetails(coalitionError(RECORD_NOT_FOUND, containsString("b-1")));
    }

    @Test
    void retract_rejectedWithRecordNotFound_whenNoSuchRecord() {
        fixture.givenNoPriorActivity()
                .when(retract(CEWTO, "b-1", "duplicate"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(containsString("no such record"))
                .expectExceptionDetails(coalitionError(RECORD_NOT_FOUND, containsString("b-1")));
    }

    @Test
    void retract_rejectedWithRecordNotFound_whenRecordBelongsToAnotherCoalition() {
        String message = "coalition 'other' has no record 'b-1'";
        fixture.given(batch())
                .when(retract("other", "b-1", "duplicate"), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(RECORD_NOT_FOUND, message));
    }
}
