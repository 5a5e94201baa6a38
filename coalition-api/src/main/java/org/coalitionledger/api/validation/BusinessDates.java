package org.coalitionledger.api.validation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command that states business dates. They are checked against today when the command is handled (see
 * {@link Checks#plausibleDates}), not when it is built: a command record has no clock, and the same command must
 * read the same way on every node.
 */
public interface BusinessDates {

    /** The dates of facts, by field name: none may lie after today (plus a day) or before 1900. */
    Map<String, LocalDate> factDates();

    /** Goal deadlines, by field name: none may lie beyond the goal horizon. */
    default Map<String, LocalDate> deadlines() {
        return Map.of();
    }

    /** Field names and dates, in pairs; absent (null) dates are left out. */
    static Map<String, LocalDate> named(Object... namesAndDates) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDates.length; i += 2) {
            if (namesAndDates[i + 1] != null) {
                dates.put((String) namesAndDates[i], (LocalDate) namesAndDates[i + 1]);
            }
        }
        return dates;
    }
}
