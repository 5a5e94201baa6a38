package org.coalitionledger.audit.bundle;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.audit.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Year-over-year views recomputed from stored events with the application's own fold
 * ({@link CoalitionLedgerFold}), so the server's fallback and the offline verifier compute figures by the very
 * code the read models use.
 */
public final class LedgerViews {

    private final List<LedgerEntry> entries;

    /** @param events stored events in any order; they are folded in global-index order, as the store holds them */
    public LedgerViews(List<StoredEvent> events) {
        List<StoredEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(StoredEvent::globalIndex));
        this.entries = new ArrayList<>(ordered.size());
        for (StoredEvent event : ordered) {
            entries.add(StoredFormat.ledgerEntry(event));
        }
    }

    /** The ids of every coalition founded among the events, in founding order. */
    public List<String> coalitionIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (LedgerEntry entry : entries) {
            if (entry.payload() instanceof CoalitionFoundedEvent founded) {
                ids.add(founded.coalitionId());
            }
        }
        return List.copyOf(ids);
    }

    /** The view as recorded at {@code recordedAt} (null: everything). */
    public YearOverYearView yearOverYear(String coalitionId, YearBasis basis, Instant recordedAt) {
        return CoalitionLedgerFold.asRecordedAt(coalitionId, entries, recordedAt).yearOverYear(basis);
    }
}
