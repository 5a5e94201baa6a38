package org.coalitionledger.query.config;

import org.coalitionledger.api.CoalitionIds;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.coalitionledger.query.views.ViewSlice;

import java.util.Locale;

/**
 * Puts the events of one slice of a coalition's views ({@link ViewSlice}: its founding, one member, one goal or one
 * record) in one sequence, whatever stream they are stored in: a record's events may be in the coalition's stream
 * and in the record's {@code record:...} stream, and a correction must never overtake the record it corrects on
 * another segment. Different slices share no rows, so one coalition's slices go to different segments and are folded
 * in parallel. Events without a coalition fall back to per-aggregate sequencing.
 * <p>
 * A sequence is {@code coalition:<id>} for the founding and {@code coalition:<id>/<kind>:<key>} for the others (ids
 * never hold a {@code /}); dead letters are parked under it.
 * <p>
 * Referenced by bean name ({@link #BEAN_NAME}) from {@code axon.eventhandling.processors.<group>.sequencing-policy}.
 */
public class CoalitionSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    public static final String BEAN_NAME = "coalitionSequencingPolicy";

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    private static final String PREFIX = "coalition:";
    private static final char SLICE = '/';

    /** The sequence of a coalition's founding, and the prefix of its other slices' sequences. */
    public static String sequenceOf(String coalitionId) {
        return PREFIX + coalitionId;
    }

    /** The sequence of one slice of a coalition's views. */
    public static String sequenceOf(String coalitionId, ViewSlice slice) {
        return slice.key() == null ? sequenceOf(coalitionId)
                : sequenceOf(coalitionId) + SLICE + slice.kind().name().toLowerCase(Locale.ROOT) + ':' + slice.key();
    }

    /** The coalition of a sequence made by {@link #sequenceOf}, or null for another sequence. */
    public static String coalitionOf(String sequenceIdentifier) {
        if (sequenceIdentifier == null || !sequenceIdentifier.startsWith(PREFIX)) {
            return null;
        }
        int slice = sequenceIdentifier.indexOf(SLICE, PREFIX.length());
        return sequenceIdentifier.substring(PREFIX.length(), slice < 0 ? sequenceIdentifier.length() : slice);
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        ViewSlice slice = ViewSlice.of(payload);
        return CoalitionIds.of(payload).<Object>map(coalitionId -> slice == null ? sequenceOf(coalitionId)
                        : sequenceOf(coalitionId, slice))
                .orElseGet(() -> fallback.getSequenceIdentifierFor(event));
    }
}
