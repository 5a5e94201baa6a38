package org.coalitionledger.query.views;

import org.axonframework.messaging.Message;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.YearBasis;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

/** Which open subscriptions get which update when a coalition's views change. */
class CoalitionViewUpdatesTest {

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final CoalitionViewUpdates updates = new CoalitionViewUpdates(emitter);
    private final CoalitionLedgerFold fold = FoldJsonTest.sample();
    /** The sample's last event was recorded at 2019-03-08T09:00:10.123456Z. */
    private final Instant last = Instant.parse("2019-03-08T09:00:10.123456Z");

    private UpdateHandlerRegistration<Object> subscribe(Object query) {
        return emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(query, instanceOf(Object.class), instanceOf(Object.class)), 16);
    }

    private static List<Object> received(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates().map(Message::getPayload).collectList().block();
    }

    @Test
    void eachSubscriptionOfTheCoalition_getsTheAnswerToItsOwnQuery() {
        var calendar = subscribe(new FindYearOverYearQuery(FoldJsonTest.ID, YearBasis.CALENDAR_YEAR, null));
        var defaultBasis = subscribe(new FindYearOverYearQuery(FoldJsonTest.ID, null, null));
        var members = subscribe(new FindMembershipQuery(FoldJsonTest.ID, FoldJsonTest.EVE, null));
        var goals = subscribe(new FindGoalProgressQuery(FoldJsonTest.ID, null));
        var trail = subscribe(new FindRestatementsQuery(FoldJsonTest.ID, null));
        var coalition = subscribe(new FindCoalitionQuery(FoldJsonTest.ID, null));
        var other = subscribe(new FindCoalitionQuery("another", null));

        updates.coalitionChanged(FoldJsonTest.ID, () -> fold, last);
        emitter.complete(query -> true);

        assertThat(received(calendar)).containsExactly(fold.yearOverYear(YearBasis.CALENDAR_YEAR));
        assertThat(received(defaultBasis)).containsExactly(fold.yearOverYear(YearBasis.COALITION_YEAR));
        assertThat(received(members)).containsExactly(fold.membership(FoldJsonTest.EVE));
        assertThat(received(goals)).containsExactly(fold.goalProgress());
        assertThat(received(trail)).containsExactly(new RestatementTrailView(FoldJsonTest.ID, fold.restatements()));
        assertThat(received(coalition)).containsExactly(fold.coalition());
        assertThat(received(other)).isEmpty();
    }

    @Test
    void asRecordedAtSubscriptions_getUpdatesOnlyUntilTheLedgerPassesTheirInstant() {
        var atLast = subscribe(new FindYearOverYearQuery(FoldJsonTest.ID, YearBasis.CALENDAR_YEAR, last));
        var later = subscribe(new FindGoalProgressQuery(FoldJsonTest.ID, last.plusSeconds(60)));
        var earlier = subscribe(new FindRestatementsQuery(FoldJsonTest.ID, last.minusNanos(1000)));

        updates.coalitionChanged(FoldJsonTest.ID, () -> fold, last);
        emitter.complete(query -> true);

        assertThat(received(atLast)).containsExactly(fold.yearOverYear(YearBasis.CALENDAR_YEAR));
        assertThat(received(later)).containsExactly(fold.goalProgress());
        assertThat(received(earlier)).isEmpty();
    }

    @Test
    void aChangeNoSubscriptionWants_doesNotReadTheCoalitionsViews() {
        subscribe(new FindYearOverYearQuery("another", null, null));
        subscribe(new FindCoalitionQuery("another", null));
        subscribe(new FindGoalProgressQuery(FoldJsonTest.ID, last.minusSeconds(60)));
        subscribe(new FindMembershipQuery(FoldJsonTest.ID, null, null));
        AtomicInteger reads = new AtomicInteger();

        updates.coalitionChanged(FoldJsonTest.ID, () -> {
            reads.incrementAndGet();
            return fold;
        }, last);

        assertThat(reads).hasValue(0);
        var live = subscribe(new FindRestatementsQuery(FoldJsonTest.ID, null));
        updates.coalitionChanged(FoldJsonTest.ID, () -> {
            reads.incrementAndGet();
            return fold;
        }, last);
        emitter.complete(query -> true);
        assertThat(reads).hasValue(1);
        assertThat(received(live)).containsExactly(new RestatementTrailView(FoldJsonTest.ID, fold.restatements()));
    }

    @Test
    void anUnfoundedCoalition_sendsNothing() {
        var coalition = subscribe(new FindCoalitionQuery("nobody", null));

        updates.coalitionChanged("nobody", () -> new CoalitionLedgerFold("nobody"), last);
        emitter.complete(query -> true);

        assertThat(received(coalition)).isEmpty();
    }
}
