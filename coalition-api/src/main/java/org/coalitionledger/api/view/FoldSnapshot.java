package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * Everything a {@link CoalitionLedgerFold} holds, as plain immutable data, so a projection can store the fold between
 * batches and carry on folding where it stopped ({@link CoalitionLedgerFold#snapshot()},
 * {@link CoalitionLedgerFold#restore}). It is a cache of the fold's state, never a source of truth: a changed shape
 * is handled by rebuilding the projection from the event store, not by upcasting snapshots.
 *
 * @param founded      the founding event, null before it was folded
 * @param stints       every membership, in fold order
 * @param goals        the goals, in fold order
 * @param records      the figure records, in fold order
 * @param restatements the restatement trail, in record order
 */
public record FoldSnapshot(String coalitionId, CoalitionFoundedEvent founded, List<StintState> stints,
                           List<GoalSetEvent> goals, List<RecordState> records, List<RestatementView> restatements) {

    public FoldSnapshot {
        stints = stints == null ? List.of() : List.copyOf(stints);
        goals = goals == null ? List.of() : List.copyOf(goals);
        records = records == null ? List.of() : List.copyOf(records);
        restatements = restatements == null ? List.of() : List.copyOf(restatements);
    }

    /**
     * This state with {@code records} (in fold order) and {@code restatements} (in trail order) in place of its own:
     * how a state kept record by record is put back together.
     */
    public FoldSnapshot withRecords(List<RecordState> records, List<RestatementView> restatements) {
        return new FoldSnapshot(coalitionId, founded, stints, goals, records, restatements);
    }

    /** One membership: the join and, once recorded, the first day as a non-member. */
    public record StintState(MemberJoinedEvent joined, LocalDate leftOn) {
    }

    /** A record's state with its place in fold order (0 for the first record folded). */
    public record NumberedRecord(int ordinal, RecordState state) {
    }

    /**
     * One figure record with its current figures and restatement state.
     *
     * @param batch      the recorded batch for a takedown batch, null for other kinds
     * @param recordedBy who recorded the record (null in snapshots taken before it was kept)
     */
    public record RecordState(String recordId, RecordKind kind, LocalDate businessDate,
                              TakedownBatchRecordedEvent batch, RecordFigures figures, boolean retracted,
                              boolean restated, SortedSet<FigureName> restatedFigures, String recordedBy) {
        public RecordState {
            restatedFigures = Views.sortedCopy(restatedFigures);
        }
    }
}
