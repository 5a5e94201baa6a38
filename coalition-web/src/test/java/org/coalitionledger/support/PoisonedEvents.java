package org.coalitionledger.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only poison for the coalition views: a handler in their processing group that fails on the takedown batches
 * a test names, as a projection bug would, until the test lifts the poison ("the fix is deployed"). Every test
 * context picks it up; it does nothing unless a test poisons a batch id of its own.
 */
@Component
@ProcessingGroup("coalition-views")
public class PoisonedEvents {

    private static final Set<String> POISONED_BATCHES = ConcurrentHashMap.newKeySet();

    public static void poison(String batchId) {
        POISONED_BATCHES.add(batchId);
    }

    public static void cure(String batchId) {
        POISONED_BATCHES.remove(batchId);
    }

    @EventHandler
    void on(TakedownBatchRecordedEvent event) {
        if (POISONED_BATCHES.contains(event.batchId())) {
            throw new IllegalStateException("test poison: the views cannot fold batch " + event.batchId());
        }
    }
}
