package org.coalitionledger.audit.bundle;

import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearRow;
import org.coalitionledger.audit.StoredEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The views of a ledger folded from its logged events in leaf order, with the application's own fold
 * ({@link CoalitionLedgerFold}), one coalition at a time as events stream past: the server's bundle and the offline
 * verifier compute the very same views by the very same code, and the API's views as of a checkpoint fold the same
 * events in the same order.
 */
public final class LedgerViews {

    public static final String COALITION = "coalition";
    public static final String YEAR_OVER_YEAR = "year-over-year";
    public static final String MEMBERS = "members";
    public static final String GOALS = "goals";
    public static final String RESTATEMENTS = "restatements";

    private final Map<String, CoalitionLedgerFold> folds = new LinkedHashMap<>();

    /** Folds the next logged event (in leaf order). */
    public void add(StoredEvent event) {
        add(StoredFormat.ledgerEntry(event));
    }

    /** Folds the next entry (in leaf order). */
    public void add(LedgerEntry entry) {
        CoalitionIds.of(entry.payload()).ifPresent(coalitionId -> folds
                .computeIfAbsent(coalitionId, CoalitionLedgerFold::new).apply(entry));
    }

    /**
     * Every view of every founded coalition: the coalition, year-over-year on both bases, the members at the end of
     * every year of either basis, goal progress and the restatement trail. Coalitions in the order first seen.
     */
    public List<BundleView> views() {
        List<BundleView> views = new ArrayList<>();
        for (CoalitionLedgerFold fold : folds.values()) {
            if (!fold.isFounded()) {
                continue;
            }
            String id = fold.coalitionId();
            views.add(view(id, COALITION, null, null, fold.coalition()));
            TreeSet<LocalDate> yearEnds = new TreeSet<>();
            for (YearBasis basis : YearBasis.values()) {
                var yearOverYear = fold.yearOverYear(basis);
                views.add(view(id, YEAR_OVER_YEAR, basis, null, yearOverYear));
                yearOverYear.rows().stream().map(YearRow::end).forEach(yearEnds::add);
            }
            for (LocalDate end : yearEnds) {
                views.add(view(id, MEMBERS, null, end, fold.membership(end)));
            }
            views.add(view(id, GOALS, null, null, fold.goalProgress()));
            views.add(view(id, RESTATEMENTS, null, null, new RestatementTrailView(id, fold.restatements())));
        }
        return views;
    }

    private static BundleView view(String coalitionId, String name, YearBasis basis, LocalDate asOf, Object value) {
        return new BundleView(coalitionId, name, basis, asOf, AuditJson.mapper().valueToTree(value));
    }
}
