package org.coalitionledger.query.views;

import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends subscription-query updates when a coalition's views changed, after the batch that changed them committed.
 * <p>
 * Each open subscription of the coalition gets the complete new answer to its own query (the same record the query
 * handler would return now), never a delta: {@code FindYearOverYearQuery} per basis, {@code FindMembershipQuery} per
 * {@code asOf}, {@code FindGoalProgressQuery}, {@code FindRestatementsQuery}, {@code FindCoalitionQuery}. A
 * subscription "as recorded at T" receives updates only while every event folded so far was recorded at or before T
 * (then the live answer is the answer at T); once the ledger has moved past T its answer is final and nothing more is
 * sent. On PostgreSQL, where several nodes may share the database, the node that folded the events announces the
 * change ({@link ViewChangeNotices}) and every node sends the updates to its own subscribers
 * ({@link ViewChangeListener}); on H2 they go to this node's subscribers directly.
 */
@Component
class CoalitionViewUpdates {

    private static final Logger log = LoggerFactory.getLogger(CoalitionViewUpdates.class);

    private final QueryUpdateEmitter emitter;
    private final ViewChangeNotices notices;

    @Autowired
    CoalitionViewUpdates(QueryUpdateEmitter emitter, ViewChangeNotices notices) {
        this.emitter = emitter;
        this.notices = notices;
    }

    /** Updates for this node's subscribers only (one node, no database to share). */
    CoalitionViewUpdates(QueryUpdateEmitter emitter) {
        this(emitter, null);
    }

    /**
     * A batch that changed the coalition committed: tells every node when the database is shared, else this node's
     * subscribers. Never throws.
     */
    void committed(String coalitionId, Function<Object, Object> liveAnswers, Instant lastRecordedAt) {
        if (notices != null && notices.shared()) {
            notices.announce(new ViewChangeNotices.Notice(coalitionId));
        } else {
            coalitionChanged(coalitionId, liveAnswers, lastRecordedAt);
        }
    }

    /**
     * Called after commit, with the live answer to each query as committed ({@code liveAnswers}: the answer to a query
     * asked live whatever instant it names, null when the coalition is not founded; asked only for the queries some
     * subscription wants); never throws, since the batch it reports on is committed and must not be retried.
     * {@code lastRecordedAt} null: live subscriptions only.
     */
    void coalitionChanged(String coalitionId, Function<Object, Object> liveAnswers, Instant lastRecordedAt) {
        Set<Object> queries = new LinkedHashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : emitter.activeSubscriptions()) {
            if (wantsUpdate(subscription.getPayload(), coalitionId, lastRecordedAt)) {
                queries.add(subscription.getPayload());
            }
        }
        // Nobody listens to this coalition: no answer is even asked for.
        for (Object query : queries) {
            try {
                Object answer = liveAnswers.apply(query);
                if (answer != null) {
                    emit(query, answer);
                }
            } catch (RuntimeException e) {
                // A view that cannot be computed is reported to the subscriber when it asks the query handler; the
                // other subscriptions still get their updates.
                log.warn("No update for a {} of coalition {}: {}", query.getClass().getSimpleName(), coalitionId,
                        e.toString());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <Q> void emit(Q query, Object answer) {
        emitter.emit((Class<Q>) query.getClass(), query::equals, answer);
    }

    /**
     * Whether the subscription's query is one this change updates: of this coalition, and not yet final. A view as of
     * a checkpoint is final: a checkpoint's views never change.
     */
    private static boolean wantsUpdate(Object query, String coalitionId, Instant lastRecordedAt) {
        String queried;
        Instant recordedAt;
        Long asOfCheckpoint;
        if (query instanceof FindYearOverYearQuery q) {
            queried = q.coalitionId();
            recordedAt = q.recordedAt();
            asOfCheckpoint = q.asOfCheckpoint();
        } else if (query instanceof FindMembershipQuery q && q.asOf() != null) {
            queried = q.coalitionId();
            recordedAt = q.recordedAt();
            asOfCheckpoint = q.asOfCheckpoint();
        } else if (query instanceof FindGoalProgressQuery q) {
            queried = q.coalitionId();
            recordedAt = q.recordedAt();
            asOfCheckpoint = q.asOfCheckpoint();
        } else if (query instanceof FindRestatementsQuery q) {
            queried = q.coalitionId();
            recordedAt = q.recordedAt();
            asOfCheckpoint = q.asOfCheckpoint();
        } else if (query instanceof FindCoalitionQuery q) {
            queried = q.coalitionId();
            recordedAt = q.recordedAt();
            asOfCheckpoint = q.asOfCheckpoint();
        } else {
            return false;
        }
        return coalitionId.equals(queried) && asOfCheckpoint == null && current(recordedAt, lastRecordedAt);
    }

    /** Live, or as recorded at an instant the ledger has not yet passed. */
    private static boolean current(Instant recordedAt, Instant lastRecordedAt) {
        return recordedAt == null || (lastRecordedAt != null && !lastRecordedAt.isAfter(recordedAt));
    }
}
