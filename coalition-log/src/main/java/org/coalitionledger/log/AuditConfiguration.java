package org.coalitionledger.log;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The verifiable log's wiring: its settings, the checkpoint schedule and the log processor's error handling. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    /**
     * A failing append must stop the log and be retried, never be logged and skipped (Axon's default): a skipped
     * event would be missing from the log for good, and every later leaf index would be off by one.
     */
    @Bean
    ConfigurerModule auditLogErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(AuditLogProcessor.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
