package org.coalitionledger.web.health;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's background readiness checks ({@link BackgroundCheck}): started once the application is ready (the
 * database migrated, the processors started), stopped when it closes.
 */
@Component
class BackgroundChecks {

    private final HealthProperties properties;
    private final List<BackgroundCheck> checks = new CopyOnWriteArrayList<>();

    BackgroundChecks(HealthProperties properties) {
        this.properties = properties;
    }

    BackgroundCheck register(String name, Callable<Health> check) {
        BackgroundCheck background = new BackgroundCheck(name, check, properties, Clock.systemUTC());
        checks.add(background);
        return background;
    }

    /** How many probes checked on the request because no recent enough background result was there. */
    long checksOnRequest() {
        return checks.stream().mapToLong(BackgroundCheck::checksOnRequest).sum();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        checks.forEach(BackgroundCheck::start);
    }

    @PreDestroy
    void stop() {
        checks.forEach(BackgroundCheck::stop);
    }
}
