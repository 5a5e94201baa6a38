package org.coalitionledger.query.config;

import org.axonframework.config.ConfigurerModule;
import org.coalitionledger.query.views.ViewsDeadLetterPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query side's Axon and Spring settings: the beans application.yml refers to by name, the views' dead-letter
 * policy, and scheduling for the rebuild's switch-over watch.
 */
@Configuration
@EnableScheduling
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
