package org.coalitionledger.api.view;

/** How the year-over-year view cuts time. Stored and sent by name: never rename a constant. */
public enum YearBasis {
    /**
     * Anniversary to anniversary: from the founding date's month-day to the day before the next anniversary
     * (7 March to 6 March for the coalition founded on 2018-03-07).
     */
    COALITION_YEAR,
    /** 1 January to 31 December. */
    CALENDAR_YEAR
}
