package org.coalitionledger.query.views;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.CoalitionIds;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * "As recorded at T": a coalition's views computed from the event store itself, never from the live rows. Reads the
 * store in its global order and folds, with the shared fold, the coalition's events recorded at or before T.
 * <p>
 * Events recorded after T are skipped, not taken as the end of the read: on several nodes, store order and record
 * time can disagree by a little, and an event recorded before T must count wherever it sits. Each payload is
 * deserialised once (to find its coalition); the whole store is read on every call. The performance issue measures
 * this and may add an index by coalition.
 */
@Component
class RecordedHistory {

    private final EventStorageEngine storage;

    RecordedHistory(EventStorageEngine storage) {
        this.storage = storage;
    }

    CoalitionLedgerFold foldAsRecordedAt(String coalitionId, Instant recordedAt) {
        Objects.requireNonNull(recordedAt, "recordedAt");
        var fold = new CoalitionLedgerFold(coalitionId);
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.filter(event -> !event.getTimestamp().isAfter(recordedAt))
                    .filter(event -> CoalitionIds.of(event.getPayload()).filter(coalitionId::equals).isPresent())
                    .forEachOrdered(event -> fold.apply(LedgerEntries.of(event)));
        }
        return fold;
    }
}
