package org.coalitionledger.log;

import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.LoggedHistory;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The history the views as recorded at an instant and as of a checkpoint fold: one coalition's logged events, in
 * leaf order, read through the log's coalition index, so the cost follows that coalition's events and not the whole
 * store. "As recorded at T" is the leaves logged at or before T (a prefix of the log, since log times never go back;
 * leaves from before log times were recorded count by their events' record time). Payloads are read in the stored
 * format the offline verifier reads, so it reproduces these views exactly.
 */
@Component
class LoggedHistoryStore implements LoggedHistory {

    private final AuditLogStore store;
    private final TransactionTemplate transactions;

    LoggedHistoryStore(AuditLogStore store, TransactionTemplate transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    @Override
    public void forEachEntry(String coalitionId, Instant recordedAt, Long treeSize, Consumer<LedgerEntry> action) {
        if ((recordedAt == null) == (treeSize == null)) {
            throw new IllegalArgumentException("give exactly one of recordedAt and treeSize");
        }
        transactions.executeWithoutResult(status -> store.forEachCoalitionRow(coalitionId, treeSize, recordedAt,
                row -> {
                    if (row.event() == null) {
                        return; // the event is gone from the store; verification names it
                    }
                    LedgerEntry entry = StoredFormat.ledgerEntry(row.event());
                    if (treeSize == null && row.leaf().loggedAt() == null && entry.recordedAt().isAfter(recordedAt)) {
                        return;
                    }
                    action.accept(entry);
                }));
    }
}
