package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;

import java.util.List;

/**
 * A founded coalition's fold summed up: everything but its records, and the year-over-year rows its records make on
 * each basis. Small whatever the number of records (a row per year), so a fold continued from it
 * ({@link CoalitionLedgerFold#continueFrom}) answers the year-over-year, goal, membership and coalition views over
 * later facts without the records themselves, as long as those facts only add records.
 *
 * @param records how many records the fold held (retracted ones included)
 * @param years   the year-over-year table on every basis, in {@link YearBasis} order
 */
public record FoldHead(String coalitionId, CoalitionFoundedEvent founded, List<FoldSnapshot.StintState> stints,
                       List<GoalSetEvent> goals, int records, List<YearOverYearView> years) {

    public FoldHead {
        stints = stints == null ? List.of() : List.copyOf(stints);
        goals = goals == null ? List.of() : List.copyOf(goals);
        years = years == null ? List.of() : List.copyOf(years);
    }
}
