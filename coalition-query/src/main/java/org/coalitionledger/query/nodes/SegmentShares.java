package org.coalitionledger.query.nodes;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Every pooled streaming processor holds at most this node's fair share of its segments ({@link LiveNodes}); the
 * processor's coordinator releases any surplus and claims up to the share on its own schedule.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(NodeProperties.class)
public class SegmentShares {

    @Bean
    ConfigurerModule segmentSharePerNode(LiveNodes nodes) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(
                        (configuration, builder) -> builder.maxSegmentProvider(nodes::maxSegments)));
    }
}
