package org.coalitionledger.query.config;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.coalitionledger.query.views.ViewsDeadLetterPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query side's Axon and Spring settings: the query bus, the beans application.yml refers to by name, the views'
 * dead-letter policy, and scheduling for the rebuild's switch-over watch.
 */
@Configuration
@EnableScheduling
public class QueryConfiguration {

    /**
     * Axon's query bus as Spring Boot would make it, except that it opens no transaction around a handler. Each
     * handler opens the one it needs: the views read the published generation in one snapshot, which a transaction
     * opened around them would swallow (Spring joins it and ignores the isolation asked for), so a rebuild's
     * switch-over committing between two reads could show a reader part of a copy. Without it, a live
     * view's usual answer is a single statement, with no transaction to begin and commit.
     */
    @Bean
    public QueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.instance())
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

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
