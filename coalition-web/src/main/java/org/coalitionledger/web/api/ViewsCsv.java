package org.coalitionledger.web.api;

import org.coalitionledger.api.view.FigureName;
import org.coalitionledger.api.view.Figures;
import org.coalitionledger.api.view.GoalProgressView;
import org.coalitionledger.api.view.GoalView;
import org.coalitionledger.api.view.GoalYear;
import org.coalitionledger.api.view.MemberView;
import org.coalitionledger.api.view.MembershipView;
import org.coalitionledger.api.view.RecordFigures;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.RestatementView;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The views as CSV, one layout per view, written with {@link Csv}. Numbers are plain (no grouping, '.' decimals),
 * dates ISO 8601; lists inside a cell are joined by ';'. Undisclosed members have empty name, country, region and
 * sector: the ledger does not hold them.
 */
final class ViewsCsv {

    static final List<String> YEAR_OVER_YEAR = List.of("label", "start", "end",
            "listingsRemoved", "adsBlocked", "accountsRemoved", "arrests", "confiscatedUsd", "confiscatedByCurrency",
            "cumulativeListingsRemoved", "cumulativeAdsBlocked", "cumulativeAccountsRemoved", "cumulativeArrests",
            "cumulativeConfiscatedUsd", "cumulativeConfiscatedByCurrency",
            "membersAtYearEnd", "joined", "left", "restated", "restatedFigures", "restatedRecordIds");

    static final List<String> MEMBERS = List.of("asOf", "memberId", "name", "disclosed", "country", "region",
            "sector", "founding", "joinedOn", "leftOn");

    static final List<String> GOALS = List.of("goalId", "description", "metric", "baseline",
            "targetReductionPercent", "targetValue", "deadline", "setOn", "year", "yearStart", "yearEnd", "value",
            "restated");

    private static final List<String> FIGURES = List.of("ListingsRemoved", "AdsBlocked", "AccountsRemoved",
            "Arrests", "Amount", "Currency", "UsdRate", "RateDate", "RateSource", "UsdValue");

    static final List<String> RESTATEMENTS = restatementHeader();

    private ViewsCsv() {
    }

    /**
     * One row per year with the year's figures, the cumulative figures, membership and restatement markers.
     * Per-currency confiscations are {@code CUR amount} pairs. The breakdowns stay in the JSON form.
     */
    static String yearOverYear(YearOverYearView view) {
        Csv csv = new Csv(YEAR_OVER_YEAR);
        for (YearRow row : view.rows()) {
            Figures f = row.figures();
            Figures c = row.cumulative();
            csv.row(row.label(), row.start(), row.end(),
                    f.listingsRemoved(), f.adsBlocked(), f.accountsRemoved(), f.arrests(),
                    f.confiscatedUsd().toPlainString(), currencies(f.confiscatedByCurrency()),
                    c.listingsRemoved(), c.adsBlocked(), c.accountsRemoved(), c.arrests(),
                    c.confiscatedUsd().toPlainString(), currencies(c.confiscatedByCurrency()),
                    row.membersAtYearEnd(), row.joined(), row.left(), row.restated(),
                    row.restatedFigures().stream().map(FigureName::name).collect(Collectors.joining(";")),
                    String.join(";", row.restatedRecordIds()));
        }
        return csv.toString();
    }

    /** One row per member on the view's date. */
    static String members(MembershipView view) {
        Csv csv = new Csv(MEMBERS);
        for (MemberView m : view.members()) {
            csv.row(view.asOf(), m.memberId(), m.name(), m.disclosed(), m.country(), m.region(), m.sector(),
                    m.founding(), m.joinedOn(), m.leftOn());
        }
        return csv.toString();
    }

    /** One row per goal and coalition year (a goal with no year yet gets one row with empty year cells). */
    static String goals(GoalProgressView view) {
        Csv csv = new Csv(GOALS);
        for (GoalView g : view.goals()) {
            List<GoalYear> years = g.years().isEmpty() ? Collections.singletonList(null) : g.years();
            for (GoalYear y : years) {
                csv.row(g.goalId(), g.description(), g.metric(), g.baseline(), plain(g.targetReductionPercent()),
                        plain(g.targetValue()), g.deadline(), g.setOn(),
                        y == null ? null : y.label(), y == null ? null : y.start(), y == null ? null : y.end(),
                        y == null ? null : plain(y.value()), y == null ? null : y.restated());
            }
        }
        return csv.toString();
    }

    /** One row per correction or retraction, in record order, with the record's figures before and after. */
    static String restatements(RestatementTrailView view) {
        Csv csv = new Csv(RESTATEMENTS);
        for (RestatementView r : view.restatements()) {
            List<Object> cells = new ArrayList<>(List.of(r.recordId()));
            cells.add(r.kind());
            cells.add(r.type());
            cells.add(r.businessDate());
            cells.addAll(figures(r.before()));
            cells.addAll(figures(r.after()));
            cells.add(r.reason());
            cells.add(r.actor());
            cells.add(r.recordedAt());
            cells.add(r.eventId());
            csv.row(cells.toArray());
        }
        return csv.toString();
    }

    private static List<String> restatementHeader() {
        List<String> header = new ArrayList<>(List.of("recordId", "kind", "type", "businessDate"));
        FIGURES.forEach(f -> header.add("before" + f));
        FIGURES.forEach(f -> header.add("after" + f));
        header.addAll(List.of("reason", "actor", "recordedAt", "eventId"));
        return List.copyOf(header);
    }

    private static List<Object> figures(RecordFigures f) {
        if (f == null) {
            return Collections.nCopies(FIGURES.size(), null);
        }
        return Arrays.asList(f.listingsRemoved(), f.adsBlocked(), f.accountsRemoved(), f.arrests(),
                plain(f.amount()), f.currency(), plain(f.usdRate()), f.rateDate(), f.rateSource(), plain(f.usdValue()));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String currencies(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining(";"));
    }
}
