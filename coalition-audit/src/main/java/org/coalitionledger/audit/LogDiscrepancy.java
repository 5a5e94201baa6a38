package org.coalitionledger.audit;

import java.util.Objects;

/**
 * One way the stored events disagree with the log, named by the leaf it concerns.
 *
 * @param kind        what went wrong
 * @param leafIndex   the affected leaf, or -1 for an event the log does not hold at all
 * @param eventId     the event the leaf was computed from (for {@link Kind#UNLOGGED}: the stored event)
 * @param globalIndex the global index the log recorded for the event (for {@link Kind#UNLOGGED}: the row's)
 * @param detail      one sentence an auditor can act on, naming leaf, event and positions
 */
public record LogDiscrepancy(Kind kind, long leafIndex, String eventId, long globalIndex, String detail) {

    /** The kinds of disagreement between the event store and the log. */
    public enum Kind {
        /** The event's row is still where it was logged, but its content no longer hashes to the leaf. */
        ALTERED,
        /** No row holds the event any more. */
        MISSING,
        /** The event's row moved: its logged global index holds another event, or it is found elsewhere. */
        REORDERED,
        /** A stored event that no leaf was computed from. */
        UNLOGGED,
        /**
         * A leaf out of the log's own order: logged long after events behind it in the store (an event inserted
         * behind the log's position), a log time earlier than the leaf before it, or a v1 leaf after a v2 leaf.
         */
        OUT_OF_ORDER,
        /** A derived column the server reads by (the leaf's coalition) disagrees with the logged event. */
        MISINDEXED
    }

    public LogDiscrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
