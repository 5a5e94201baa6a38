package org.coalitionledger.api.view;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * One year of the year-over-year view. Business time only: a record covering a period belongs to the year containing
 * the period's end, an arrest or confiscation to the year of its date; when the ledger recorded it does not matter.
 *
 * @param label             {@code 2018-03-07/2019-03-06} (ISO 8601 interval) for a coalition year, {@code 2019} for a
 *                          calendar year
 * @param start             first day of the year
 * @param end               last day of the year (inclusive)
 * @param figures           the year's figures from records not retracted, at their current (corrected) values
 * @param cumulative        the figures of every year from the first row up to and including this one
 * @param membersAtYearEnd  members whose membership includes {@code end}
 * @param joined            memberships that began in the year (by {@code joinedOn})
 * @param left              memberships that ended in the year (by {@code leftOn}, the first day as a non-member)
 * @param byReporter        takedown figures by reporter: {@code MEMBER:<memberId>}, {@code NGO:<name>} or
 *                          {@code AGENCY:<name>}; sums to the year's takedown figures
 * @param byRegion          takedown figures by the member reporter's region ({@code (undisclosed)} for an undisclosed
 *                          member, {@code (not a member)} for NGO and agency reporters); sums to the takedown figures
 * @param bySector          the same by sector
 * @param byCategory        takedown figures by category. A batch that names several categories counts fully under
 *                          each (nothing is pro-rated), so this sums to the totals only when no batch names more than
 *                          one; a batch without categories counts under {@code (uncategorised)}
 * @param restated          true when any record attributed to this year has been corrected or retracted
 * @param restatedFigures   the figures whose value a correction changed, or to which a retracted record had
 *                          contributed; may be empty on a restated row (e.g. only a rate's source was corrected)
 * @param restatedRecordIds the ids of the corrected or retracted records of this year, to look up in the
 *                          restatement trail
 */
public record YearRow(String label, LocalDate start, LocalDate end, Figures figures, Figures cumulative,
                      long membersAtYearEnd, long joined, long left,
                      SortedMap<String, TakedownFigures> byReporter, SortedMap<String, TakedownFigures> byRegion,
                      SortedMap<String, TakedownFigures> bySector, SortedMap<String, TakedownFigures> byCategory,
                      boolean restated, SortedSet<FigureName> restatedFigures, List<String> restatedRecordIds) {
    public YearRow {
        byReporter = Views.sortedCopy(byReporter);
        byRegion = Views.sortedCopy(byRegion);
        bySector = Views.sortedCopy(bySector);
        byCategory = Views.sortedCopy(byCategory);
        restatedFigures = Views.sortedCopy(restatedFigures);
        restatedRecordIds = restatedRecordIds == null ? List.of() : List.copyOf(restatedRecordIds);
    }
}
