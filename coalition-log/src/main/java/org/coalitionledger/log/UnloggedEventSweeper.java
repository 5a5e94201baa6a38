package org.coalitionledger.log;

import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nothing stored escapes the log. The log processor follows Axon's tracking token, which gives up on a gap in the
 * global index after a while; an event whose commit came later still is never delivered. Every few seconds this
 * appends any stored event behind the log's position that no leaf names yet and that was recorded more than
 * {@code max-log-delay} ago (younger ones are left to the processor), within a window of recent global indexes, so
 * the cost stays bounded. Verification names what the sweep cannot explain: an event logged long after
 * the log passed its position, or one stored but unlogged past the allowed delay.
 *
 * <p>Also fills the coalition index for leaves logged before the index existed (version 1 ledgers), once at start:
 * every later leaf gets its index row in the transaction that appends it.
 */
@Component
public class UnloggedEventSweeper {

    private static final Logger log = LoggerFactory.getLogger(UnloggedEventSweeper.class);
    private static final int INDEX_PAGE = 1000;
    /**
     * Global indexes swept by one statement: PostgreSQL estimated the whole window's leaf probes above its default
     * threshold for compiling a plan (JIT), which cost more than the sweep itself, every time, and a page keeps the
     * estimate low where a deployment's connections compile plans.
     */
    public static final int SWEEP_PAGE = 10_000;

    private final AuditLogStore store;
    private final LogAppender appender;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;
    private final LogAppenderNode appenderNode;

    UnloggedEventSweeper(AuditLogStore store, LogAppender appender, AuditProperties properties,
            TransactionTemplate transactions, LogAppenderNode appenderNode) {
        this.store = store;
        this.appender = appender;
        this.properties = properties;
        this.transactions = transactions;
        this.appenderNode = appenderNode;
    }

    @Scheduled(initialDelayString = "${coalition.audit.sweep-interval:PT10S}",
            fixedDelayString = "${coalition.audit.sweep-interval:PT10S}")
    void scheduledSweep() {
        if (!appenderNode.isThisNode()) {
            return; // Swept by the node that appends: with several nodes, one sweeps.
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            // Keep the schedule alive; a race with the log processor simply waits for the next run.
            log.warn("Sweep for unlogged events failed (will retry): {}", e.getMessage());
        }
    }

    /** Appends the stored events behind the log's position that no leaf names; returns how many. */
    public int sweep() {
        Integer swept = transactions.execute(status -> {
            long maxLogged = store.head().maxGlobalIndex();
            // Younger ones are most likely commits the log processor is about to deliver (a gap it still waits for).
            Instant settled = Instant.now().minus(properties.maxLogDelay());
            List<StoredEvent> behind = new ArrayList<>();
            long from = Math.max(0, maxLogged - properties.sweepWindow());
            for (long start = from; start < maxLogged; start += SWEEP_PAGE) {
                store.forEachUnsweptEvent(start, Math.min(maxLogged, start + SWEEP_PAGE), event -> {
                    if (recordedBefore(event, settled)) {
                        behind.add(event);
                    }
                });
            }
            for (StoredEvent event : behind) {
                appender.append(event, StoredFormat.payload(event));
                log.warn("Logged event {} (global index {}), stored behind the log's position and not delivered to "
                        + "the log processor", event.eventId(), event.globalIndex());
            }
            return behind.size();
        });
        return swept == null ? 0 : swept;
    }

    /** Whether the event's record time lies before {@code instant}; an unreadable time counts as long past. */
    private static boolean recordedBefore(StoredEvent event, Instant instant) {
        try {
            return Instant.parse(event.timestamp()).isBefore(instant);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Indexes, by coalition, leaves logged before the index existed: at start, before views are asked for. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void indexOldLeaves() {
        while (true) {
            Integer indexed = transactions.execute(status -> {
                var leaves = store.unindexedLeaves(INDEX_PAGE);
                int done = 0;
                for (var leaf : leaves) {
                    StoredEvent event = store.storedEventById(leaf.eventId()).orElse(null);
                    // A leaf whose event is gone stays unindexed; verification names the missing event.
                    if (event != null) {
                        store.indexLeaf(leaf, org.coalitionledger.api.CoalitionIds
                                .of(StoredFormat.payload(event)).orElse(null));
                        done++;
                    }
                }
                return leaves.size() == INDEX_PAGE && done > 0 ? 1 : 0;
            });
            if (indexed == null || indexed == 0) {
                return;
            }
        }
    }
}
