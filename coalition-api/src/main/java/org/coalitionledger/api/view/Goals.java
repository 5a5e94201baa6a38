package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fold's goals and their progress, measured on the coalition-year rows. */
final class Goals {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Map<String, GoalSetEvent> goals = new LinkedHashMap<>();

    /** Keeps the first goal of an id. */
    void set(GoalSetEvent goal) {
        goals.putIfAbsent(goal.goalId(), goal);
    }

    Collection<GoalSetEvent> all() {
        return Collections.unmodifiableCollection(goals.values());
    }

    /** Each goal with its metric per year up to and including its deadline's year. */
    GoalProgressView progress(String coalitionId, List<YearRow> coalitionYears) {
        List<GoalView> views = new ArrayList<>();
        List<GoalSetEvent> ordered = new ArrayList<>(goals.values());
        ordered.sort(Comparator.comparing(GoalSetEvent::setOn, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(GoalSetEvent::goalId));
        for (GoalSetEvent goal : ordered) {
            List<GoalYear> years = new ArrayList<>();
            for (YearRow row : coalitionYears) {
                if (!row.start().isAfter(goal.deadline())) {
                    years.add(new GoalYear(row.label(), row.start(), row.end(), value(goal.metric(), row.figures()),
                            !Collections.disjoint(row.restatedFigures(), figuresOf(goal.metric()))));
                }
            }
            views.add(new GoalView(goal.goalId(), goal.description(), goal.metric(), goal.baseline(),
                    goal.targetReductionPercent(), targetValue(goal), goal.deadline(), goal.setOn(), years));
        }
        return new GoalProgressView(coalitionId, views);
    }

    static BigDecimal value(GoalMetric metric, Figures f) {
        return switch (metric) {
            case ONLINE_TRAFFICKING -> BigDecimal.valueOf(f.listingsRemoved())
                    .add(BigDecimal.valueOf(f.adsBlocked())).add(BigDecimal.valueOf(f.accountsRemoved()));
            case LISTINGS_REMOVED -> BigDecimal.valueOf(f.listingsRemoved());
            case ADS_BLOCKED -> BigDecimal.valueOf(f.adsBlocked());
            case ACCOUNTS_REMOVED -> BigDecimal.valueOf(f.accountsRemoved());
            case ARRESTS -> BigDecimal.valueOf(f.arrests());
            case CONFISCATED_USD -> f.confiscatedUsd();
        };
    }

    static Set<FigureName> figuresOf(GoalMetric metric) {
        return switch (metric) {
            case ONLINE_TRAFFICKING -> EnumSet.of(FigureName.LISTINGS_REMOVED, FigureName.ADS_BLOCKED,
                    FigureName.ACCOUNTS_REMOVED);
            case LISTINGS_REMOVED -> EnumSet.of(FigureName.LISTINGS_REMOVED);
            case ADS_BLOCKED -> EnumSet.of(FigureName.ADS_BLOCKED);
            case ACCOUNTS_REMOVED -> EnumSet.of(FigureName.ACCOUNTS_REMOVED);
            case ARRESTS -> EnumSet.of(FigureName.ARRESTS);
            case CONFISCATED_USD -> EnumSet.of(FigureName.CONFISCATED_USD);
        };
    }

    /** baseline × (100 − p) / 100: exact, since p has at most two decimals. */
    private static BigDecimal targetValue(GoalSetEvent goal) {
        if (goal.baseline() == null || goal.targetReductionPercent() == null) {
            return null;
        }
        return BigDecimal.valueOf(goal.baseline()).multiply(HUNDRED.subtract(goal.targetReductionPercent()))
                .movePointLeft(2);
    }
}
