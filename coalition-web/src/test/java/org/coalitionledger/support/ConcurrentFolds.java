package org.coalitionledger.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only watch on the coalition views: a handler in their processing group that, for the coalitions a test
 * names, holds each takedown batch for a moment and counts how many of that coalition's batches were being folded at
 * once, on different segments. Every test context picks it up; it does nothing unless a test watches a coalition.
 */
@Component
@ProcessingGroup("coalition-views")
public class ConcurrentFolds {

    private static final Map<String, AtomicInteger> ACTIVE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();

    public static void watch(String coalitionId) {
        ACTIVE.put(coalitionId, new AtomicInteger());
        MOST.put(coalitionId, new AtomicInteger());
    }

    /** The most of the coalition's batches folded at once since the watch began. */
    public static int mostAtOnce(String coalitionId) {
        return MOST.get(coalitionId).get();
    }

    public static void unwatch(String coalitionId) {
        ACTIVE.remove(coalitionId);
    }

    @EventHandler
    void on(TakedownBatchRecordedEvent event) throws InterruptedException {
        AtomicInteger active = ACTIVE.get(event.coalitionId());
        if (active == null) {
            return;
        }
        int now = active.incrementAndGet();
        MOST.get(event.coalitionId()).accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(20);
        } finally {
            active.decrementAndGet();
        }
    }
}
