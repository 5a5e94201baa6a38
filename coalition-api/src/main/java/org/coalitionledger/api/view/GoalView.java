package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.GoalMetric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A goal with the figures that bear on it: its metric per coalition year, from the founding year up to and
 * including the year that contains the deadline (years after the last year with data are not invented).
 * {@code ONLINE_TRAFFICKING} is measured as listings removed + ads blocked + accounts removed: the goal speaks of
 * trafficking online as a whole and the ledger's takedown figures are what it holds of that.
 *
 * @param targetValue {@code baseline × (100 − targetReductionPercent) / 100}, exact; null when no baseline was
 *                    published
 */
public record GoalView(String goalId, String description, GoalMetric metric, Long baseline,
                       BigDecimal targetReductionPercent, BigDecimal targetValue, LocalDate deadline, LocalDate setOn,
                       List<GoalYear> years) {
    public GoalView {
        years = years == null ? List.of() : List.copyOf(years);
    }
}
