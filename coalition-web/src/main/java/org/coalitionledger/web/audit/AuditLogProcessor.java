package org.coalitionledger.web.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.coalitionledger.audit.LeafEncoding;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.StoredEvent;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Appends every committed event to the log as its next leaf, in the order this processor first sees events.
 *
 * <p>The processing group runs as a streaming processor with exactly one segment (application.yml), so one node
 * appends at a time; the leaf rows and the processor's token commit in one transaction, so after a crash or a
 * restart the processor resumes exactly after the last logged event. The leaf is computed from the event's row as
 * stored (read by its global index), not from the message, so it covers the bytes an auditor will find.
 *
 * <p>Never replayed ({@link DisallowReplay}, no reset handler): a leaf index, once given, never changes. Should
 * an event be delivered again anyway (a token lost by hand), it is recognised by its id and skipped. A handler
 * failure propagates (see {@link AuditConfiguration}), so the processor retries instead of skipping an event.
 */
@Component
@ProcessingGroup(AuditLogProcessor.PROCESSING_GROUP)
@DisallowReplay
class AuditLogProcessor {

    /** The processing group and processor name. Never rename it: a new name is a new, empty log. */
    static final String PROCESSING_GROUP = "audit-log";

    private final AuditLogStore store;

    AuditLogProcessor(AuditLogStore store) {
        this.store = store;
    }

    @EventHandler
    void append(EventMessage<?> event, TrackingToken token) {
        String eventId = event.getIdentifier();
        long globalIndex = token.position().orElseThrow(() -> new IllegalStateException(
                "event " + eventId + " arrived without a position in the store: " + token));
        Optional<LogLeaf> logged = store.leafOfEvent(eventId);
        if (logged.isPresent()) {
            if (logged.get().globalIndex() != globalIndex) {
                throw new IllegalStateException("event " + eventId + " is logged at global index "
                        + logged.get().globalIndex() + " but now arrives at " + globalIndex);
            }
            return;
        }
        StoredEvent row = store.storedEvent(globalIndex).orElseThrow(() -> new IllegalStateException(
                "event " + eventId + " has no row at global index " + globalIndex));
        if (!row.eventId().equals(eventId)) {
            throw new IllegalStateException("global index " + globalIndex + " holds event " + row.eventId()
                    + ", not the delivered event " + eventId);
        }
        store.appendLeaf(new LogLeaf(store.nextLeafIndex(), globalIndex, eventId, LeafEncoding.leafHash(row)));
    }
}
