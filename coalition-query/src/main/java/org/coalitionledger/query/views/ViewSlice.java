package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.view.CoalitionLedgerFold;

/**
 * The part of a coalition's view rows a fact can change: its founding, one member's stints, one goal or one record.
 * No fact reads or writes another slice's rows ({@link SliceChange}), so facts of different slices may be folded in
 * any order, on any segment; the facts of one slice must keep their store order.
 *
 * @param key the member, goal or record id; null for the founding
 */
public record ViewSlice(Kind kind, String key) {

    /** What a slice holds. */
    public enum Kind { FOUNDING, MEMBER, GOAL, RECORD }

    /** The slice a fact changes; null for a payload that is no fact of the coalition views. */
    public static ViewSlice of(Object payload) {
        if (payload instanceof CoalitionFoundedEvent) {
            return new ViewSlice(Kind.FOUNDING, null);
        } else if (payload instanceof MemberJoinedEvent e) {
            return member(e.memberId());
        } else if (payload instanceof MemberLeftEvent e) {
            return member(e.memberId());
        } else if (payload instanceof MembershipCorrectedEvent e) {
            return member(e.memberId());
        } else if (payload instanceof GoalSetEvent e) {
            return e.goalId() == null ? null : new ViewSlice(Kind.GOAL, e.goalId());
        }
        String recordId = CoalitionLedgerFold.recordIdOf(payload);
        return recordId == null ? null : new ViewSlice(Kind.RECORD, recordId);
    }

    private static ViewSlice member(String memberId) {
        return memberId == null ? null : new ViewSlice(Kind.MEMBER, memberId);
    }
}
