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
import org.coalitionledger.api.view.YearOverYearView;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers the view queries with view records, never entities. A coalition the ledger does not hold (or did not yet
 * hold at the {@code recordedAt} or checkpoint asked for) is answered with {@code null}: the gateway's future completes
 * with null, which the web turns into 404. Without {@code recordedAt} and {@code asOfCheckpoint} the live projection
 * answers, from the rows of the published generation ({@link ViewGenerations}); otherwise the coalition's logged events are folded afresh ({@link RecordedHistory}).
 */
@Component
class CoalitionViewsQueries {

    private final ViewRows rows;
    private final ViewGenerations generations;
    private final RecordedHistory history;

    CoalitionViewsQueries(ViewRows rows, ViewGenerations generations, RecordedHistory history) {
        this.rows = rows;
        this.generations = generations;
        this.history = history;
    }

    @QueryHandler
    YearOverYearView handle(FindYearOverYearQuery query) {
        return fold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint())
                .map(fold -> fold.yearOverYear(ViewQueries.basis(query))).orElse(null);
    }

    /** Membership on a business date. {@code asOf} is required (the query side has no clock). */
    @QueryHandler
    MembershipView handle(FindMembershipQuery query) {
        if (query.asOf() == null) {
            throw new IllegalArgumentException("asOf is required");
        }
        return fold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint()).map(fold -> fold.membership(query.asOf())).orElse(null);
    }

    @QueryHandler
    GoalProgressView handle(FindGoalProgressQuery query) {
        return fold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint()).map(CoalitionLedgerFold::goalProgress).orElse(null);
    }

    @QueryHandler
    RestatementTrailView handle(FindRestatementsQuery query) {
        return fold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint())
                .map(fold -> new RestatementTrailView(fold.coalitionId(), fold.restatements())).orElse(null);
    }

    @QueryHandler
    CoalitionView handle(FindCoalitionQuery query) {
        return fold(query.coalitionId(), query.recordedAt(), query.asOfCheckpoint()).map(CoalitionLedgerFold::coalition).orElse(null);
    }

    /** Every founded coalition, by id. Never null: no coalition is an empty list. */
    @QueryHandler
    CoalitionListView handle(FindCoalitionsQuery query) {
        long generation = generations.published();
        // The coalition summary needs the founding and the stints only, not the figures.
        List<CoalitionView> coalitions = rows.coalitionIds(generation).stream()
                .flatMap(id -> rows.coalition(generation, id, false).stream())
                .map(CoalitionLedgerFold::restore)
                .map(CoalitionLedgerFold::coalition)
                .sorted(Comparator.comparing(CoalitionView::coalitionId))
                .toList();
        return new CoalitionListView(coalitions);
    }

    /** The coalition's fold, live or as recorded at an instant; empty when the coalition was not founded (then). */
    private Optional<CoalitionLedgerFold> fold(String coalitionId, Instant recordedAt, Long asOfCheckpoint) {
        if (coalitionId == null) {
            return Optional.empty();
        }
        Optional<CoalitionLedgerFold> fold = recordedAt == null && asOfCheckpoint == null
                ? live(coalitionId)
                : Optional.of(history.fold(coalitionId, recordedAt, asOfCheckpoint));
        return fold.filter(CoalitionLedgerFold::isFounded);
    }

    /** The coalition's fold restored from the published generation's rows; empty when it was not founded. */
    Optional<CoalitionLedgerFold> live(String coalitionId) {
        return rows.coalition(generations.published(), coalitionId, true).map(CoalitionLedgerFold::restore);
    }
}
