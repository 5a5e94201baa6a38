package org.coalitionledger.command.coalition;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.error.CoalitionError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.coalitionledger.api.error.CoalitionErrorCode.ACTOR_MISSING;
import static org.coalitionledger.api.error.CoalitionErrorCode.BEFORE_FOUNDING_DATE;
import static org.coalitionledger.api.error.CoalitionErrorCode.COALITION_ALREADY_FOUNDED;
import static org.coalitionledger.api.error.CoalitionErrorCode.COALITION_NOT_FOUND;
import static org.coalitionledger.api.error.CoalitionErrorCode.MEMBER_ALREADY_JOINED;
import static org.coalitionledger.command.coalition.CoalitionTest.EBAY;
import static org.coalitionledger.command.coalition.CoalitionTest.FOUNDED;
import static org.coalitionledger.command.coalition.CoalitionTest.NAME;
import static org.coalitionledger.command.coalition.CoalitionTest.WEIBO;
import static org.coalitionledger.command.coalition.CoalitionTest.BAIDU;
import static org.coalitionledger.command.coalition.CoalitionTest.date;
import static org.coalitionledger.command.coalition.CoalitionTest.found;
import static org.coalitionledger.command.coalition.CoalitionTest.founded;
import static org.coalitionledger.command.coalition.CoalitionTest.foundedThen;
import static org.coalitionledger.command.coalition.CoalitionTest.join;
import static org.coalitionledger.command.coalition.CoalitionTest.joined;
import static org.coalitionledger.command.coalition.CoalitionTest.leave;
import static org.coalitionledger.command.coalition.CoalitionTest.listingsGoal;
import static org.coalitionledger.command.coalition.CoalitionTest.setGoal;
import static org.coalitionledger.command.config.InterceptedFixtures.ADMIN;
import static org.coalitionledger.command.config.InterceptedFixtures.actorMissing;
import static org.coalitionledger.command.config.InterceptedFixtures.intercepted;

import java.util.List;

/**
 * {@link Coalition} behind the production interceptors: a rejection reaches the caller as a
 * {@link CommandExecutionException} whose details are the {@link CoalitionError}, and no command runs without
 * an actor.
 */
class CoalitionCommandErrorDetailsTest {

    private FixtureConfiguration<Coalition> fixture;

    @BeforeEach
    void setUp() {
        fixture = intercepted(new AggregateTestFixture<>(Coalition.class));
    }

    @Test
    void found_accepted_withActorMetadata() {
        fixture.givenNoPriorActivity()
                .when(found(), ADMIN)
                .expectSuccessfulHandlerExecution()
                .expectEvents(founded().toArray());
    }

    @Test
    void found_rejectedWithActorMissing_withoutMetadata() {
        String message = actorMissing(FoundCoalitionCommand.class, LedgerMetadata.ACTOR);
        fixture.givenNoPriorActivity()
                .when(found())
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void found_rejectedWithActorMissing_withoutActorRole() {
        String message = actorMissing(FoundCoalitionCommand.class, LedgerMetadata.ACTOR_ROLE);
        fixture.givenNoPriorActivity()
                .when(found(), Map.of(LedgerMetadata.ACTOR, "alice"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void found_rejectedWithActorMissing_whenActorIsBlank() {
        String message = actorMissing(FoundCoalitionCommand.class, LedgerMetadata.ACTOR);
        fixture.givenNoPriorActivity()
                .when(found(), Map.of(LedgerMetadata.ACTOR, "  ", LedgerMetadata.ACTOR_ROLE, "ADMIN"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void found_rejectedWithActorMissing_whenActorIsNotText() {
        String message = actorMissing(FoundCoalitionCommand.class, LedgerMetadata.ACTOR);
        fixture.givenNoPriorActivity()
                .when(found(), Map.of(LedgerMetadata.ACTOR, 42, LedgerMetadata.ACTOR_ROLE, "ADMIN"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void join_rejectedWithActorMissing_beforeAnyRuleIsChecked() {
        String message = actorMissing(JoinCoalitionCommand.class, LedgerMetadata.ACTOR);
        fixture.given(founded())
                .when(join(BAIDU, FOUNDED))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(ACTOR_MISSING, message));
    }

    @Test
    void join_accepted_withActorMetadata() {
        fixture.given(founded())
                .when(join(WEIBO, date("2019-03-07")), ADMIN)
                .expectSuccessfulHandlerExecution()
                .expectEvents(joined(WEIBO, date("2019-03-07")));
    }

    @Test
    void found_rejectedWithDetails_whenAlreadyFoundedWithOtherContent() {
        String message = "coalition 'cewto' was already founded on 2018-03-07";
        fixture.given(founded())
                .when(found(NAME, List.of(EBAY)), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(COALITION_ALREADY_FOUNDED, message));
    }

    @Test
    void join_rejectedWithDetails_whenAlreadyAMember() {
        String message = "member 'baidu' is already a member since 2018-03-07";
        fixture.given(founded())
                .when(join(BAIDU, date("2019-01-01")), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(MEMBER_ALREADY_JOINED, message));
    }

    @Test
    void goal_rejectedWithDetails_beforeFoundingDate() {
        String message = "setOn 2018-01-01 is before the coalition's founding date 2018-03-07";
        fixture.given(foundedThen())
                .when(setGoal(listingsGoal(), date("2018-01-01")), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(BEFORE_FOUNDING_DATE, message));
    }

    @Test
    void join_rejectedWithCoalitionNotFound_whenNoCoalitionWasFounded() {
        String message = "no such coalition: cewto";
        fixture.givenNoPriorActivity()
                .when(join(WEIBO, date("2019-03-07")), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(COALITION_NOT_FOUND, message));
    }

    @Test
    void leave_rejectedWithCoalitionNotFound_whenNoCoalitionWasFounded() {
        String message = "no such coalition: cewto";
        fixture.givenNoPriorActivity()
                .when(leave(WEIBO, date("2019-03-07"), null), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(COALITION_NOT_FOUND, message));
    }

    @Test
    void goal_rejectedWithCoalitionNotFound_whenNoCoalitionWasFounded() {
        String message = "no such coalition: cewto";
        fixture.givenNoPriorActivity()
                .when(setGoal(listingsGoal(), date("2019-03-07")), ADMIN)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage(message)
                .expectExceptionDetails(new CoalitionError(COALITION_NOT_FOUND, message));
    }
}
