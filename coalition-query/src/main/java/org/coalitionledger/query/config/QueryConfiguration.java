package org.coalitionledger.query.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's Axon settings that application.yml refers to by bean name. */
@Configuration
public class QueryConfiguration {

    @Bean(CoalitionSequencingPolicy.BEAN_NAME)
    public CoalitionSequencingPolicy coalitionSequencingPolicy() {
        return new CoalitionSequencingPolicy();
    }
}
