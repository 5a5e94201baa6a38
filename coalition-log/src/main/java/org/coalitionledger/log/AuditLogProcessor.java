package org.coalitionledger.log;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.coalitionledger.audit.StoredEvent;
import org.springframework.stereotype.Component;

/**
 * Appends every committed event to the log as its next leaf ({@link LogAppender}), in the order this processor
 * first sees events. An event committed so late that Axon's gap detection gave up on it is taken by the
 * {@link UnloggedEventSweeper} instead.
 *
 * <p>The processing group runs as a streaming processor with exactly one segment (application.yml), so one node
 * appends at a time; the leaf rows and the processor's token commit in one transaction, so after a crash or a
 * restart the processor resumes exactly after the last logged event. The leaf is computed from the event's row as
 * stored (read by its event id), not from the message, so it covers the bytes an auditor will find.
 *
 * <p>Never replayed ({@link DisallowReplay}, no reset handler): a leaf index, once given, never changes. Should
 * an event be delivered again anyway (a token lost by hand), it is recognised by its id and skipped. A handler
 * failure propagates (see {@link AuditConfiguration}), so the processor retries instead of skipping an event.
 */
@Component
@ProcessingGroup(AuditLogProcessor.PROCESSING_GROUP)
@DisallowReplay
public class AuditLogProcessor {

    /** The processing group and processor name. Never rename it: a new name is a new, empty log. */
    static final String PROCESSING_GROUP = "audit-log";

    private final AuditLogStore store;
    private final LogAppender appender;

    AuditLogProcessor(AuditLogStore store, LogAppender appender) {
        this.store = store;
        this.appender = appender;
    }

    /**
     * The event's row is found by its id, never by the tracking token's position: when commits land out of order
     * an event can arrive to fill a gap while the token already points past it, so the position is not the event's
     * own global index.
     */
    @EventHandler
    public void append(EventMessage<?> event) {
        String eventId = event.getIdentifier();
        if (store.leafOfEvent(eventId).isPresent()) {
            return; // Delivered again: it keeps the leaf it was given.
        }
        StoredEvent row = store.storedEventById(eventId).orElseThrow(() -> new IllegalStateException(
                "event " + eventId + " was delivered but has no row in the event store"));
        appender.append(row, event.getPayload());
    }
}
