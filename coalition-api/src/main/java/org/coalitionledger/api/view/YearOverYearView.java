package org.coalitionledger.api.view;

import java.util.List;

/**
 * The year-over-year table: one row per year, oldest first, from the founding year to the last year that holds any
 * membership change or figure record (retracted ones included, so a year emptied by retraction still shows, marked
 * restated). Years in between without data appear with zero figures.
 */
public record YearOverYearView(String coalitionId, YearBasis basis, List<YearRow> rows) {
    public YearOverYearView {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
