package org.coalitionledger.web.health;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.health.autoconfigure.application.SslHealthIndicatorProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.info.SslInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Spring Boot's own health indicators, answered without leaving the probe's event loop. Boot runs every blocking
 * indicator on a worker thread of its own per probe; on a loaded node each of those hops waits for a CPU, and a probe
 * waits for the slowest. Here the application's availability states (in memory) are answered on the probe's thread,
 * and the disk space and certificate checks (a file system call, the key stores) run in the background like the
 * readiness checks ({@link BackgroundCheck}), the probe answering from their latest result. Same names, same
 * results and same {@code management.health.*} settings as Boot's; each bean's name is the one Boot's own is
 * skipped for. Boot's {@code ping}, always UP, is turned off in the application's settings: an answer is the ping.
 */
@Configuration(proxyBeanMethods = false)
class BootHealthIndicators {

    @Bean
    @ConditionalOnEnabledHealthIndicator("livenessstate")
    ReactiveHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
        return inMemory(new LivenessStateHealthIndicator(availability));
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("readinessstate")
    ReactiveHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
        return inMemory(new ReadinessStateHealthIndicator(availability));
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("diskspace")
    ReactiveHealthIndicator diskSpaceHealthIndicator(DiskSpaceHealthIndicatorProperties properties,
            BackgroundChecks checks) {
        return inBackground("diskSpace", new DiskSpaceHealthIndicator(properties.getPath(), properties.getThreshold()),
                checks);
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("ssl")
    ReactiveHealthIndicator sslHealthIndicator(SslInfo sslInfo, SslHealthIndicatorProperties properties,
            BackgroundChecks checks) {
        return inBackground("ssl", new SslHealthIndicator(sslInfo, properties.getCertificateValidityWarningThreshold()),
                checks);
    }

    /** An indicator that only reads memory, answered on the caller's thread. */
    private static ReactiveHealthIndicator inMemory(HealthIndicator indicator) {
        return () -> Mono.fromSupplier(indicator::health);
    }

    private static ReactiveHealthIndicator inBackground(String name, HealthIndicator indicator,
            BackgroundChecks checks) {
        BackgroundCheck check = checks.register(name, indicator::health);
        return check::health;
    }
}
