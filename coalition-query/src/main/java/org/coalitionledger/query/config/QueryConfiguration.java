package org.coalitionledger.query.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The query side's Spring settings: scheduling, for the rebuild's switch-over watch. */
@Configuration
@EnableScheduling
public class QueryConfiguration {
}
