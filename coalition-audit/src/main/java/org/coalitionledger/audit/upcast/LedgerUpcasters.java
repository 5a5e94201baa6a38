package org.coalitionledger.audit.upcast;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import java.util.stream.Stream;

/**
 * Every upcaster of the ledger's events, in order: the one chain that brings a stored event of an older revision to
 * its class's current {@code @Revision}. The server runs it on every read of the event store (registered ahead of
 * its type guard); the offline verifier and the log run it on every stored event they read
 * ({@link org.coalitionledger.audit.bundle.StoredFormat}). Add a new upcaster here, and its old revision to
 * {@link org.coalitionledger.api.KnownEventTypes#OLDER_REVISIONS}.
 */
public final class LedgerUpcasters implements EventUpcaster {

    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new TakedownBatchReporterUpcaster());

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> events) {
        return CHAIN.upcast(events);
    }
}
