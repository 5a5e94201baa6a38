package org.coalitionledger.query.views;

import org.axonframework.eventhandling.EventMessage;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.view.LedgerEntry;

/** Adapts Axon's event messages to the fold's framework-free {@link LedgerEntry}. */
final class LedgerEntries {

    private LedgerEntries() {
    }

    static LedgerEntry of(EventMessage<?> message) {
        Object actor = message.getMetaData().get(LedgerMetadata.ACTOR);
        return new LedgerEntry(message.getPayload(), message.getTimestamp(),
                actor instanceof String s ? s : null, message.getIdentifier());
    }
}
