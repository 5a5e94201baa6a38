package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.RecordRetractedEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The fold's figure records with their current figures, and the trail of their corrections and retractions. */
final class RecordBook {

    private final Map<String, LedgerRecord> records = new LinkedHashMap<>();
    private final List<RestatementView> restatements = new ArrayList<>();
    /** Records recorded, corrected or retracted since {@link #takeChanged()} last ran, in the order first changed. */
    private final Set<LedgerRecord> changed = new LinkedHashSet<>();

    /** Keeps the first record of an id: a second one (never via the commands) changes nothing. */
    void record(LedgerRecord record) {
        if (records.putIfAbsent(record.recordId, record) == null) {
            record.ordinal = records.size() - 1;
            changed.add(record);
        }
    }

    /** The records changed since the last call, and forgets them. */
    List<LedgerRecord> takeChanged() {
        List<LedgerRecord> taken = new ArrayList<>(changed);
        changed.clear();
        return taken;
    }

    void restated(RestatementView restatement) {
        restatements.add(restatement);
    }

    boolean has(String recordId) {
        return records.containsKey(recordId);
    }

    int size() {
        return records.size();
    }

    /** The record ids in fold order. */
    List<String> ids() {
        return new ArrayList<>(records.keySet());
    }

    Collection<LedgerRecord> all() {
        return Collections.unmodifiableCollection(records.values());
    }

    List<RestatementView> restatements() {
        return List.copyOf(restatements);
    }

    /** The restatements after the first {@code from}, in order. */
    List<RestatementView> restatementsFrom(int from) {
        return List.copyOf(restatements.subList(from, restatements.size()));
    }

    int restatementCount() {
        return restatements.size();
    }

    void correct(String recordId, RecordKind kind, String reason, LedgerEntry entry,
                 UnaryOperator<RecordFigures> newFigures) {
        LedgerRecord record = records.get(recordId);
        if (record == null || record.kind != kind) {
            // Listed, so a verifier sees it, but it can change no figure.
            restatements.add(new RestatementView(recordId, kind, RestatementType.CORRECTION, null, null, null,
                    reason, entry.actor(), entry.recordedAt(), entry.eventId(), null));
            return;
        }
        changed.add(record);
        RecordFigures before = record.figures;
        RecordFigures after = newFigures.apply(before);
        record.figures = after;
        record.restated = true;
        record.restatedFigures.addAll(after.changedFrom(before));
        restatements.add(new RestatementView(recordId, kind, RestatementType.CORRECTION, record.businessDate, before,
                after, reason, entry.actor(), entry.recordedAt(), entry.eventId(), record.recordedBy));
    }

    void retract(RecordRetractedEvent e, LedgerEntry entry) {
        LedgerRecord record = records.get(e.recordId());
        if (record == null) {
            restatements.add(new RestatementView(e.recordId(), null, RestatementType.RETRACTION, null, null, null,
                    e.reason(), entry.actor(), entry.recordedAt(), entry.eventId(), null));
            return;
        }
        // The record keeps its figures (for the trail) but counts for nothing from now on.
        changed.add(record);
        record.retracted = true;
        record.restated = true;
        record.restatedFigures.addAll(record.figures.contributions());
        restatements.add(new RestatementView(e.recordId(), record.kind, RestatementType.RETRACTION,
                record.businessDate, record.figures, null, e.reason(), entry.actor(), entry.recordedAt(),
                entry.eventId(), record.recordedBy));
    }
}
