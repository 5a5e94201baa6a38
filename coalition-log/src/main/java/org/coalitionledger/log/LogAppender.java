package org.coalitionledger.log;

import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.StoredEvent;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Gives a stored event the log's next leaf (version 2: its position and the time it was logged inside the hash)
 * and indexes the leaf by coalition, in the caller's transaction. Log times never go back: a leaf is stamped no
 * earlier than the one before it, whatever this node's clock says, so "as recorded at T" is a prefix of the log.
 * Two appenders racing for one leaf index meet the primary key; one rolls back and tries again.
 */
@Component
public class LogAppender {

    private final AuditLogStore store;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    LogAppender(AuditLogStore store) {
        this(store, Clock.systemUTC());
    }

    LogAppender(AuditLogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Logs {@code row}, whose deserialised payload is {@code payload}; returns the new leaf. */
    public LogLeaf append(StoredEvent row, Object payload) {
        AuditLogStore.Head head = store.head();
        Instant now = LogTime.truncate(clock.instant());
        Instant loggedAt = head.lastLoggedAt() != null && head.lastLoggedAt().isAfter(now) ? head.lastLoggedAt() : now;
        LogLeaf leaf = LogLeaf.of(head.nextLeafIndex(), row, LogTime.format(loggedAt));
        store.appendLeaf(leaf, CoalitionIds.of(payload).orElse(null));
        return leaf;
    }
}
