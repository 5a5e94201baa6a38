package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The coalition adopted a goal on {@code setOn}. Flat fields, not the validated {@link Goal} record: stored history
 * must always deserialize, whatever today's validation says.
 */
@Revision("1")
public record GoalSetEvent(String coalitionId, String goalId, String description, GoalMetric metric, Long baseline,
                           BigDecimal targetReductionPercent, LocalDate deadline, LocalDate setOn) {
}
