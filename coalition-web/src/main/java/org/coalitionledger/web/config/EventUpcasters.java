package org.coalitionledger.web.config;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.coalitionledger.audit.upcast.LedgerUpcasters;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.stream.Stream;

/**
 * The ledger's upcasters ({@link LedgerUpcasters}, shared with the offline verifier) in the server's upcaster chain,
 * first: every stored event of an older revision is brought to its class's current revision before
 * {@link KnownEventTypesGuard}, last in the chain, checks it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EventUpcasters implements EventUpcaster {

    private final LedgerUpcasters upcasters = new LedgerUpcasters();

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> events) {
        return upcasters.upcast(events);
    }
}
