package org.coalitionledger.web.health;

import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A readiness check run in the background, every {@code coalition.health.check-interval}, on a thread of its own,
 * so that a probe is answered from memory. Run on the request, a check waits for a pooled connection and for CPU
 * behind the very requests that load the node, and a busy but healthy node then times out its probe and is taken
 * out of traffic. A result is used while it is younger than {@link HealthProperties#resultMaxAge()}; before the
 * first one, or when the background check has not completed for that long (stuck on the database), the probe
 * checks then and there, bounded by the query timeout, as if there were no background check. Every answer says
 * when it was checked ({@code checkedAt}).
 */
final class BackgroundCheck {

    /** A completed check and when it completed. */
    private record Result(Health health, Instant completedAt) {
    }

    private final String name;
    private final Callable<Health> check;
    private final HealthProperties properties;
    private final Clock clock;
    private final AtomicLong checksOnRequest = new AtomicLong();
    private volatile Result latest;
    private ScheduledExecutorService thread;

    BackgroundCheck(String name, Callable<Health> check, HealthProperties properties, Clock clock) {
        this.name = name;
        this.check = check;
        this.properties = properties;
        this.clock = clock;
    }

    /** The probe's answer: the latest background result while it is recent enough, else a check now. */
    Mono<Health> health() {
        Result result = latest;
        if (result != null && !result.completedAt().isBefore(clock.instant().minus(properties.resultMaxAge()))) {
            return Mono.just(result.health());
        }
        return Mono.defer(() -> {
            checksOnRequest.incrementAndGet();
            return BlockingCheck.run(() -> checkedAt(check.call(), clock.instant()), properties.queryTimeout());
        });
    }

    /** Runs the check once and keeps its result. */
    void refresh() {
        Health health;
        try {
            health = check.call();
        } catch (Exception | LinkageError e) {
            health = Health.down().withDetail("error", BlockingCheck.describe(e)).build();
        }
        Instant now = clock.instant();
        latest = new Result(checkedAt(health, now), now);
    }

    /** How many probes found no recent enough result and checked on the request. */
    long checksOnRequest() {
        return checksOnRequest.get();
    }

    synchronized void start() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread daemon = new Thread(runnable, "health-" + name);
                daemon.setDaemon(true);
                return daemon;
            });
            long interval = properties.checkInterval().toMillis();
            thread.scheduleWithFixedDelay(this::refresh, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops after the check under way, never interrupting it (an interrupt during H2's file I/O closes the database). */
    synchronized void stop() {
        if (thread != null) {
            thread.shutdown();
            thread = null;
        }
    }

    private static Health checkedAt(Health health, Instant at) {
        return Health.status(health.getStatus()).withDetails(health.getDetails()).withDetail("checkedAt", at.toString())
                .build();
    }
}
