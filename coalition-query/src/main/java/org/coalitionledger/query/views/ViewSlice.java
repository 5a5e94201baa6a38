package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.util.Optional;

/**
 * The rows of a coalition's views an event may change: its founding, one member's stints, one goal or one record. No
 * view row depends on two slices, so a slice's events fold on their own, in their order, whatever happens to the
 * others: the projection reads and writes only the event's slice, and a fill folds different slices in parallel.
 *
 * @param key the member, goal or record id; null for the founding
 */
record ViewSlice(String coalitionId, Kind kind, String key) {

    enum Kind { FOUNDING, MEMBER, GOAL, RECORD }

    /** The slice the event changes; empty for an event no view folds (an administrative act, say). */
    static Optional<ViewSlice> of(Object event) {
        ViewSlice slice = null;
        if (event instanceof CoalitionFoundedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.FOUNDING, null);
        } else if (event instanceof MemberJoinedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.MEMBER, e.memberId());
        } else if (event instanceof MemberLeftEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.MEMBER, e.memberId());
        } else if (event instanceof MembershipCorrectedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.MEMBER, e.memberId());
        } else if (event instanceof GoalSetEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.GOAL, e.goalId());
        } else if (event instanceof TakedownBatchRecordedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.batchId());
        } else if (event instanceof ArrestRecordedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.recordId());
        } else if (event instanceof ConfiscationRecordedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.recordId());
        } else if (event instanceof TakedownBatchCorrectedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.batchId());
        } else if (event instanceof ArrestRecordCorrectedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.recordId());
        } else if (event instanceof ConfiscationRecordCorrectedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.recordId());
        } else if (event instanceof RecordRetractedEvent e) {
            slice = new ViewSlice(e.coalitionId(), Kind.RECORD, e.recordId());
        }
        // Not a fact of any coalition's views without its coalition and key (the fold would ignore it too).
        return slice == null || slice.coalitionId() == null || (slice.kind() != Kind.FOUNDING && slice.key() == null)
                ? Optional.empty() : Optional.of(slice);
    }
}
