package org.coalitionledger.query.views;

import org.axonframework.messaging.Message;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.YearBasis;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

/**
 * Which open subscriptions get which update when a coalition's views change: each wanted query's live answer, asked
 * once per query, and nothing asked when no subscription wants the change.
 */
class CoalitionViewUpdatesTest {

    private static final String ID = "cewto";

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final CoalitionViewUpdates updates = new CoalitionViewUpdates(emitter);
    /** The coalition's last event was recorded at this instant. */
    private final Instant last = Instant.parse("2019-03-08T09:00:10.123456Z");
    /** The queries asked for a live answer, in order. */
    private final List<Object> asked = new ArrayList<>();
    /** Answers every query with a value naming it. */
    private final Function<Object, Object> answers = query -> {
        asked.add(query);
        return List.of("answer to", query);
    };

    private UpdateHandlerRegistration<Object> subscribe(Object query) {
        return emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(query, instanceOf(Object.class), instanceOf(Object.class)), 16);
    }

    private static List<Object> received(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates().map(Message::getPayload).collectList().block();
    }

    @Test
    void eachSubscriptionOfTheCoalition_getsTheLiveAnswerToItsOwnQuery() {
        List<Object> queries = List.of(new FindYearOverYearQuery(ID, YearBasis.CALENDAR_YEAR, null),
                new FindYearOverYearQuery(ID, null, null), new FindMembershipQuery(ID, java.time.LocalDate.EPOCH, null),
                new FindGoalProgressQuery(ID, null), new FindRestatementsQuery(ID, null), new FindCoalitionQuery(ID, null));
        List<UpdateHandlerRegistration<Object>> subscriptions = queries.stream().map(this::subscribe).toList();
        var other = subscribe(new FindCoalitionQuery("another", null));

        updates.coalitionChanged(ID, answers, last);
        emitter.complete(query -> true);

        for (int i = 0; i < queries.size(); i++) {
            assertThat(received(subscriptions.get(i))).containsExactly(List.of("answer to", queries.get(i)));
        }
        assertThat(received(other)).isEmpty();
        assertThat(asked).containsExactlyInAnyOrderElementsOf(queries);
    }

    @Test
    void asRecordedAtSubscriptions_getUpdatesOnlyUntilTheLedgerPassesTheirInstant() {
        var atLastQuery = new FindYearOverYearQuery(ID, YearBasis.CALENDAR_YEAR, last);
        var laterQuery = new FindGoalProgressQuery(ID, last.plusSeconds(60));
        var atLast = subscribe(atLastQuery);
        var later = subscribe(laterQuery);
        var earlier = subscribe(new FindRestatementsQuery(ID, last.minusNanos(1000)));

        updates.coalitionChanged(ID, answers, last);
        emitter.complete(query -> true);

        assertThat(received(atLast)).containsExactly(List.of("answer to", atLastQuery));
        assertThat(received(later)).containsExactly(List.of("answer to", laterQuery));
        assertThat(received(earlier)).isEmpty();
    }

    @Test
    void aChangeNoSubscriptionWants_asksForNoAnswer_norDoesAViewAsOfACheckpoint() {
        subscribe(new FindYearOverYearQuery("another", null, null));
        subscribe(new FindCoalitionQuery("another", null));
        subscribe(new FindGoalProgressQuery(ID, last.minusSeconds(60)));
        subscribe(new FindMembershipQuery(ID, null, null));
        // As of a checkpoint: final, whatever is recorded after it.
        subscribe(new FindYearOverYearQuery(ID, YearBasis.CALENDAR_YEAR, null, 5L));
        subscribe(new FindGoalProgressQuery(ID, null, 5L));
        subscribe(new FindMembershipQuery(ID, java.time.LocalDate.EPOCH, null, 5L));

        updates.coalitionChanged(ID, answers, last);

        assertThat(asked).isEmpty();
        var liveQuery = new FindRestatementsQuery(ID, null);
        var live = subscribe(liveQuery);
        updates.coalitionChanged(ID, answers, last);
        emitter.complete(query -> true);
        assertThat(asked).containsExactly(liveQuery);
        assertThat(received(live)).containsExactly(List.of("answer to", liveQuery));
    }

    @Test
    void noAnswer_anUnfoundedCoalition_sendsNothing_andAFailingAnswer_leavesTheOthers() {
        var coalition = subscribe(new FindCoalitionQuery("nobody", null));
        updates.coalitionChanged("nobody", query -> null, last);

        var failing = subscribe(new FindGoalProgressQuery(ID, null));
        var working = subscribe(new FindRestatementsQuery(ID, null));
        updates.coalitionChanged(ID, query -> {
            if (query instanceof FindGoalProgressQuery) {
                throw new IllegalStateException("cannot be computed");
            }
            return "trail";
        }, last);
        emitter.complete(query -> true);

        assertThat(received(coalition)).isEmpty();
        assertThat(received(failing)).isEmpty();
        assertThat(received(working)).containsExactly("trail");
    }
}
