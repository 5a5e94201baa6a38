package org.coalitionledger.api.coalition;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.coalitionledger.api.validation.Checks.*;

/**
 * A goal: reduce {@code metric} by {@code targetReductionPercent} (0 < p <= 100) from {@code baseline} by
 * {@code deadline}. The baseline is null where none was published.
 */
public record Goal(String goalId, String description, GoalMetric metric, Long baseline,
                   BigDecimal targetReductionPercent, LocalDate deadline) {
    public Goal {
        id(goalId, "goalId");
        description = text(description, "description", MAX_TEXT);
        required(metric, "metric");
        if (baseline != null) {
            boundedCount(baseline, "baseline");
        }
        writable(targetReductionPercent, "targetReductionPercent");
        targetReductionPercent = withoutTrailingZeros(targetReductionPercent); // 80, 80.0 and 80.00 are one goal
        if (targetReductionPercent.signum() <= 0 || targetReductionPercent.compareTo(BigDecimal.valueOf(100)) > 0
                || targetReductionPercent.scale() > 2) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_AMOUNT,
                    "targetReductionPercent must be greater than 0 and at most 100, with at most 2 decimals");
        }
        required(deadline, "deadline");
    }
}
