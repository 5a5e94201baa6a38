package org.coalitionledger.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.command.coalition.CoalitionFacts;
import org.coalitionledger.command.coalition.EventStoreCoalitionFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the command side: interceptors, the metadata every event inherits, the coalition read for records. */
@Configuration
public class CommandConfiguration {

    @Bean
    public CoalitionFacts coalitionFacts(EventStore eventStore) {
        return new EventStoreCoalitionFacts(eventStore);
    }

    /** Copies who-and-which-request from each command onto every event it records. */
    @Bean
    public CorrelationDataProvider ledgerMetadataProvider() {
        return new SimpleCorrelationDataProvider(LedgerMetadata.ACTOR, LedgerMetadata.ACTOR_ROLE,
                LedgerMetadata.REQUEST_ID, LedgerMetadata.IDEMPOTENCY_KEY);
    }

    @Autowired
    public void registerInterceptors(CommandBus commandBus) {
        // Registered first, so it is outermost and also sees the actor check's rejection.
        commandBus.registerHandlerInterceptor(new ExceptionWrappingHandlerInterceptor());
        commandBus.registerHandlerInterceptor(new ActorRequiredInterceptor());
    }
}
