package org.coalitionledger.query.views;

import org.axonframework.queryhandling.QueryHandler;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.CoalitionListView;
import org.coalitionledger.api.view.CoalitionView;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindCoalitionsQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.GoalProgressView;
import org.coalitionledger.api.view.MembershipView;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers the view queries with view records, never entities. A coalition the ledger does not hold (or did not yet
 * hold at the {@code recordedAt} or checkpoint asked for) is answered with {@code null}: the gateway's future completes
 * with null, which the web turns into 404. Without {@code recordedAt} and {@code asOfCheckpoint} the live projection
 * answers, from the rows of the published generation ({@link ViewGenerations}): the views over every record from
 * {@link LiveViews} (computed once per change of the coalition), membership and the coalition from its founding and
 * stints only; otherwise the coalition's logged events are folded afresh ({@link RecordedHistory}).
 */
@Component
class CoalitionViewsQueries {

    private final ViewRows rows;
    private final ViewGenerations generations;
    private final RecordedHistory history;
    private final LiveViews liveViews;

    CoalitionViewsQueries(ViewRows rows, ViewGenerations generations, RecordedHistory history, LiveViews liveViews) {
        this.rows = rows;
        this.generations = generations;
        this.history = history;
        this.liveViews = liveViews;
    }

    @QueryHandler
    YearOverYearView handle(FindYearOverYearQuery query) {
        YearBasis basis = ViewQueries.basis(query);
        return answer(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint(), basis, false,
                fold -> fold.yearOverYear(basis));
    }

    /** Membership on a business date. {@code asOf} is required (the query side has no clock). */
    @QueryHandler
    MembershipView handle(FindMembershipQuery query) {
        if (query.asOf() == null) {
            throw new IllegalArgumentException("asOf is required");
        }
        return membershipFold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint())
                .map(fold -> fold.membership(query.asOf())).orElse(null);
    }

    @QueryHandler
    GoalProgressView handle(FindGoalProgressQuery query) {
        return answer(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint(), GoalProgressView.class,
                false, CoalitionLedgerFold::goalProgress);
    }

    @QueryHandler
    RestatementTrailView handle(FindRestatementsQuery query) {
        return answer(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint(), RestatementTrailView.class,
                true, fold -> new RestatementTrailView(fold.coalitionId(), fold.restatements()));
    }

    @QueryHandler
    CoalitionView handle(FindCoalitionQuery query) {
        return membershipFold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint())
                .map(CoalitionLedgerFold::coalition).orElse(null);
    }

    /** A page of the founded coalitions, by id. Never null: no coalition is an empty list. */
    @QueryHandler
    CoalitionListView handle(FindCoalitionsQuery query) {
        return generations.readPublished(generation -> {
            // One id beyond the page tells whether another page follows.
            List<String> ids = rows.coalitionIds(generation, query.after(), query.limit() + 1);
            List<String> page = ids.subList(0, Math.min(ids.size(), query.limit()));
            // The coalition summary needs the founding and the stints only, not the figures.
            List<CoalitionView> coalitions = new ArrayList<>();
            for (String id : page) {
                rows.coalition(generation, id, false)
                        .ifPresent(snapshot -> coalitions.add(CoalitionLedgerFold.restore(snapshot).coalition()));
            }
            return new CoalitionListView(coalitions, ids.size() > page.size() ? page.get(page.size() - 1) : null);
        });
    }

    /**
     * A view over every record: live from {@link LiveViews}, else from the coalition's fold as recorded at an instant
     * or as of a checkpoint; null when the coalition was not founded (then).
     *
     * @param view  what {@code compute} computes, with its parameters (the live answers' cache key)
     * @param trail whether {@code compute} reads the restatement trail (which needs the fold of every record)
     */
    private <T> T answer(String coalitionId, Instant recordedAt, Long asOfCheckpoint, Object view, boolean trail,
                         Function<CoalitionLedgerFold, T> compute) {
        if (coalitionId == null) {
            return null;
        }
        if (recordedAt == null && asOfCheckpoint == null) {
            return liveViews.get(coalitionId, view, trail, compute).orElse(null);
        }
        return historic(coalitionId, recordedAt, asOfCheckpoint, trail).map(compute).orElse(null);
    }

    /** The fold for membership and the coalition summary: live, it is restored from the founding and stints only. */
    private Optional<CoalitionLedgerFold> membershipFold(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {
        if (coalitionId != null && recordedAt == null && asOfCheckpoint == null) {
            return generations.readPublished(generation -> rows.coalition(generation, coalitionId, false))
                    .map(CoalitionLedgerFold::restore).filter(CoalitionLedgerFold::isFounded);
        }
        return historic(coalitionId, recordedAt, asOfCheckpoint, false);
    }

    /**
     * The coalition's fold as recorded at an instant or as of a checkpoint; empty when the coalition was not founded
     * then. It holds only some of the records: with {@code trail}, those the trail needs; without, it may hold a year
     * table instead of the records.
     */
    private Optional<CoalitionLedgerFold> historic(String coalitionId, Instant recordedAt, Long asOfCheckpoint,
                                                   boolean trail) {
        if (coalitionId == null) {
            return Optional.empty();
        }
        CoalitionLedgerFold fold = trail ? history.foldForTrail(coalitionId, recordedAt, asOfCheckpoint)
                : history.foldWithoutTrail(coalitionId, recordedAt, asOfCheckpoint);
        return Optional.of(fold).filter(CoalitionLedgerFold::isFounded);
    }

    /**
     * The answer to {@code query} asked live, whatever instant or checkpoint it names (what a subscription to it is
     * sent while the ledger has not passed its instant); null for a coalition not founded and for any other query.
     */
    Object liveAnswer(Object query) {
        if (query instanceof FindYearOverYearQuery q) {
            return handle(new FindYearOverYearQuery(q.coalitionId(), q.basis(), null, null));
        } else if (query instanceof FindMembershipQuery q) {
            return handle(new FindMembershipQuery(q.coalitionId(), q.asOf(), null, null));
        } else if (query instanceof FindGoalProgressQuery q) {
            return handle(new FindGoalProgressQuery(q.coalitionId(), null, null));
        } else if (query instanceof FindRestatementsQuery q) {
            return handle(new FindRestatementsQuery(q.coalitionId(), null, null));
        } else if (query instanceof FindCoalitionQuery q) {
            return handle(new FindCoalitionQuery(q.coalitionId(), null, null));
        }
        return null;
    }

    /**
     * The coalition's fold restored from every row of the published generation (the whole fold the live views must
     * equal; tests compare them); empty when it was not founded.
     */
    Optional<CoalitionLedgerFold> live(String coalitionId) {
        return generations.readPublished(generation -> rows.coalition(generation, coalitionId, true))
                .map(CoalitionLedgerFold::restore);
    }
}
