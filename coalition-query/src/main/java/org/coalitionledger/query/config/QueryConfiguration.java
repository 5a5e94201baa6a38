package org.coalitionledger.query.config;

import org.axonframework.config.ConfigurerModule;
import org.coalitionledger.query.views.ViewsDeadLetterPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's Axon settings that application.yml refers to by bean name. */
@Configuration
public class QueryConfiguration {

    @Bean(CoalitionSequencingPolicy.BEAN_NAME)
    public CoalitionSequencingPolicy coalitionSequencingPolicy() {
        return new CoalitionSequencingPolicy();
    }

    /** Parks every event the coalition views fail on (the queue itself comes from {@code dlq.enabled}). */
    @Bean
    public ConfigurerModule viewsDeadLetterPolicy() {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterPolicy(ProcessingGroups.COALITION_VIEWS, config -> new ViewsDeadLetterPolicy());
    }
}
