package org.coalitionledger.query.config;

import org.coalitionledger.api.CoalitionIds;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Keeps every event of one coalition in one sequence, whatever stream it is stored in: the coalition's own stream
 * and each of its records' {@code record:...} streams. The coalition views fold a coalition's events in store order,
 * so a correction must never overtake the record it corrects on another segment. Events without a coalition fall
 * back to per-aggregate sequencing.
 * <p>
 * Referenced by bean name ({@link #BEAN_NAME}) from {@code axon.eventhandling.processors.<group>.sequencing-policy}.
 */
public class CoalitionSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    public static final String BEAN_NAME = "coalitionSequencingPolicy";

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    private static final String PREFIX = "coalition:";

    /** The sequence of one coalition's events (also the key its dead letters are parked under). */
    public static String sequenceOf(String coalitionId) {
        return PREFIX + coalitionId;
    }

    /** The coalition of a sequence made by {@link #sequenceOf}, or null for another sequence. */
    public static String coalitionOf(String sequenceIdentifier) {
        return sequenceIdentifier != null && sequenceIdentifier.startsWith(PREFIX)
                ? sequenceIdentifier.substring(PREFIX.length()) : null;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return CoalitionIds.of(event.getPayload()).<Object>map(CoalitionSequencingPolicy::sequenceOf)
                .orElseGet(() -> fallback.getSequenceIdentifierFor(event));
    }
}
