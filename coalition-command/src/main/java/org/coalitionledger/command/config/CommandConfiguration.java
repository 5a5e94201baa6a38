package org.coalitionledger.command.config;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.command.coalition.CoalitionFacts;
import org.coalitionledger.command.coalition.EventStoreCoalitionFacts;
import org.coalitionledger.command.reporting.RecordTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the command side: the metadata every event inherits, the coalition read for records, records' streams. */
@Configuration
public class CommandConfiguration {

    @Bean
    public CoalitionFacts coalitionFacts(EventStore eventStore) {
        return new EventStoreCoalitionFacts(eventStore);
    }

    /** Finds a record command's stream: its coalition's own, or the legacy stream of a record made before. */
    @Bean(RecordTargetResolver.BEAN_NAME)
    public RecordTargetResolver recordTargetResolver(EventStore eventStore) {
        return new RecordTargetResolver(eventStore);
    }

    /** Copies who-and-which-request from each command onto every event it records. */
    @Bean
    public CorrelationDataProvider ledgerMetadataProvider() {
        return new SimpleCorrelationDataProvider(LedgerMetadata.ACTOR, LedgerMetadata.ACTOR_ROLE,
                LedgerMetadata.CREDENTIAL_ID, LedgerMetadata.AUTH_METHOD, LedgerMetadata.REQUEST_ID,
                LedgerMetadata.CLIENT_REQUEST_ID, LedgerMetadata.IDEMPOTENCY_KEY);
    }
}
