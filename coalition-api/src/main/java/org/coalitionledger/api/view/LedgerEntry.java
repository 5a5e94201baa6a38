package org.coalitionledger.api.view;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event as the fold sees it: the payload plus the record-time facts the restatement trail shows.
 * Callers adapt their own messages (Axon {@code EventMessage}, an audit bundle line) to this, so the fold needs no
 * framework at all.
 *
 * @param payload    one of the coalition or reporting events; any other type is ignored by the fold
 * @param recordedAt when the ledger recorded the event (the event store's timestamp); never used for bucketing
 * @param actor      the {@code actor} metadata of the event, or null where the caller has none
 * @param eventId    the stored event's identifier, or null where the caller has none
 */
public record LedgerEntry(Object payload, Instant recordedAt, String actor, String eventId) {
    public LedgerEntry {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
