package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.FoldSnapshot.RecordState;
import org.coalitionledger.api.view.FoldSnapshot.StintState;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementView;

import java.util.ArrayList;
import java.util.List;

/**
 * What one event changes in a coalition's view rows. {@code before} holds only the slice of the coalition's state the
 * event can touch (its founding, one member's stints, one goal or one record, and no restatements); the shared fold,
 * restored from that slice, folds the event, and the difference is what must be written. The fold never needs the
 * rest of the coalition to fold an event, which is why a slice is enough.
 *
 * @param before the slice as stored
 * @param after  the slice with the event folded in
 */
record SliceChange(FoldSnapshot before, FoldSnapshot after) {

    static SliceChange of(FoldSnapshot before, LedgerEntry entry) {
        return new SliceChange(before, CoalitionLedgerFold.restore(before).apply(entry).snapshot());
    }

    /** The founding, if this event founded the coalition. */
    CoalitionFoundedEvent newFounding() {
        return before.founded() == null ? after.founded() : null;
    }

    /** The member's stints that are new or changed, with their index among the member's stints. */
    List<NumberedStint> changedStints() {
        List<NumberedStint> changed = new ArrayList<>();
        for (int i = 0; i < after.stints().size(); i++) {
            StintState stint = after.stints().get(i);
            if (i >= before.stints().size() || !stint.equals(before.stints().get(i))) {
                changed.add(new NumberedStint(i, stint));
            }
        }
        return changed;
    }

    /** The goal, if this event set a new one. */
    GoalSetEvent newGoal() {
        return before.goals().isEmpty() && !after.goals().isEmpty() ? after.goals().get(0) : null;
    }

    /** The record, new or with new figures or marks. */
    List<RecordState> changedRecords() {
        return after.records().stream().filter(record -> !before.records().contains(record)).toList();
    }

    /** The restatement this event adds to the trail (at most one: the slice starts with none). */
    List<RestatementView> newRestatements() {
        return after.restatements();
    }

    /** A stint and its index among its member's stints (0 for the first join). */
    record NumberedStint(int stintNo, StintState stint) {
    }
}
