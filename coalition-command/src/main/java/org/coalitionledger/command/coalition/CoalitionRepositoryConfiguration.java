package org.coalitionledger.command.coalition;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.coalitionledger.command.config.IncrementalEventSourcingRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The coalitions' repository. Every member's report is filed on its coalition's stream, so that stream grows with the
 * ledger; Axon's default repository would read all of it for each report. This one keeps each coalition between
 * commands and reads only what was appended since. Axon uses a bean named after the aggregate instead of making its
 * own.
 */
@Configuration
class CoalitionRepositoryConfiguration {

    static final String BEAN_NAME = "coalitionRepository";

    @Bean(BEAN_NAME)
    Repository<Coalition> coalitionRepository(EventStore eventStore) {
        return IncrementalEventSourcingRepository.of(Coalition.class, eventStore);
    }
}
