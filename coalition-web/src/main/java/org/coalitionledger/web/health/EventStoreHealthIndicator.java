package org.coalitionledger.web.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Readiness: the event store can be read. One bounded query (the head's global index) under a short timeout; a node
 * that cannot read its events cannot answer a view, a write or the log. Not part of liveness: restarting every node
 * does not mend a database outage.
 */
@Component
class EventStoreHealthIndicator implements ReactiveHealthIndicator {

    private final BackgroundCheck check;

    EventStoreHealthIndicator(StoreReads reads, BackgroundChecks checks) {
        this.check = checks.register("eventStore", () -> Health.up().withDetail("head", reads.head()).build());
    }

    @Override
    public Mono<Health> health() {
        return check.health();
    }
}
