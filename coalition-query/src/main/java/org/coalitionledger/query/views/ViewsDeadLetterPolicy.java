package org.coalitionledger.query.views;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * The coalition views' dead-letter policy: every failed event is parked (never dropped), and its effect is taken
 * out of the batch it failed in before the batch saves the coalition's fold.
 */
public class ViewsDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        CoalitionViewsProjection.discard(letter.message());
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
