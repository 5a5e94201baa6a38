package org.coalitionledger.api.view;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * Cuts business time into years on one basis. A year is named by its first day. Coalition years start on the
 * founding date's month-day each year; for a coalition founded on 29 February the anniversary falls on 28 February
 * in common years ({@link MonthDay#atYear}), so years still tile time without gaps or overlaps.
 */
final class YearScheme {

    private final YearBasis basis;
    private final MonthDay anniversary;

    YearScheme(YearBasis basis, LocalDate foundedOn) {
        this.basis = basis;
        this.anniversary = MonthDay.from(foundedOn);
    }

    /** First day of the year that contains {@code day}. */
    LocalDate startOf(LocalDate day) {
        if (basis == YearBasis.CALENDAR_YEAR) {
            return day.withDayOfYear(1);
        }
        LocalDate thisYears = anniversary.atYear(day.getYear());
        return day.isBefore(thisYears) ? anniversary.atYear(day.getYear() - 1) : thisYears;
    }

    /** First day of the year after the one starting on {@code start}. */
    LocalDate next(LocalDate start) {
        return basis == YearBasis.CALENDAR_YEAR ? start.plusYears(1) : anniversary.atYear(start.getYear() + 1);
    }

    /** Last day (inclusive) of the year starting on {@code start}. */
    LocalDate endOf(LocalDate start) {
        return next(start).minusDays(1);
    }

    /** {@code 2019} for a calendar year, the ISO 8601 interval {@code 2018-03-07/2019-03-06} for a coalition year. */
    String label(LocalDate start) {
        return basis == YearBasis.CALENDAR_YEAR ? Integer.toString(start.getYear()) : start + "/" + endOf(start);
    }
}
