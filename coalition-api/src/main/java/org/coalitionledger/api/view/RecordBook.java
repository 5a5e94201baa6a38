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
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The fold's figure records with their current figures, and the trail of their corrections and retractions. A book
 * made by {@link #lookingUp} holds only the records named since, each looked up when first named, and only the
 * restatements since.
 */
final class RecordBook {

    private final Map<String, LedgerRecord> records = new LinkedHashMap<>();
    private final List<RestatementView> restatements = new ArrayList<>();
    /** Records recorded, corrected or retracted since {@link #takeChanged()} last ran, in the order first changed. */
    private final Set<LedgerRecord> changed = new LinkedHashSet<>();
    /** The record of an id as it stood before, with its place, or null for none; null when the book holds all. */
    private final Function<String, LedgerRecord> earlier;
    /** Records counted but not held: not yet looked up. */
    private int unheld;
    /** Restatements counted but not held: those before the book was made. */
    private final int restatementsBefore;

    RecordBook() {
        this(null, 0, 0);
    }

    private RecordBook(Function<String, LedgerRecord> earlier, int records, int restatements) {
        this.earlier = earlier;
        this.unheld = records;
        this.restatementsBefore = restatements;
    }

    /**
     * A book that stands for {@code records} earlier records and {@code restatements} earlier restatements without
     * holding them: a record is looked up with {@code earlier} when a fact first names it.
     */
    static RecordBook lookingUp(int records, int restatements, Function<String, LedgerRecord> earlier) {
        return new RecordBook(earlier, records, restatements);
    }

    /** Whether every record and restatement is held (else only those named since the book was made). */
    boolean holdsAll() {
        return earlier == null;
    }

    /** The record of an id, looked up (and from then on held) if the book stands for it without holding it. */
    private LedgerRecord get(String recordId) {
        LedgerRecord record = records.get(recordId);
        if (record == null && earlier != null) {
            record = earlier.apply(recordId);
            if (record != null) {
                records.put(recordId, record);
                unheld--;
            }
        }
        return record;
    }

    /** Keeps the first record of an id: a second one (never via the commands) changes nothing. */
    void record(LedgerRecord record) {
        if (get(record.recordId) == null) {
            records.put(record.recordId, record);
            record.ordinal = size() - 1;
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
        return unheld + records.size();
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
        if (from < restatementsBefore) {
            throw new IllegalArgumentException("the book holds the restatements from " + restatementsBefore
                    + " on, not from " + from);
        }
        return List.copyOf(restatements.subList(from - restatementsBefore, restatements.size()));
    }

    int restatementCount() {
        return restatementsBefore + restatements.size();
    }

    void correct(String recordId, RecordKind kind, String reason, LedgerEntry entry,
                 UnaryOperator<RecordFigures> newFigures) {
        LedgerRecord record = get(recordId);
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
        LedgerRecord record = get(e.recordId());
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
