package org.coalitionledger.api.view;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A goal's metric in one coalition year. {@code value} is a whole number for counts and a USD amount (cents) for
 * {@code CONFISCATED_USD}; {@code restated} says a correction or retraction changed a figure the metric is made of.
 */
public record GoalYear(String label, LocalDate start, LocalDate end, BigDecimal value, boolean restated) {
}
