package org.coalitionledger.web.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Readiness: every streaming processor (the views, the verifiable log) keeps up with the event store. Measured
 * ledger-wide, over every segment of the processor in {@code token_entry}, not over this node's own segments only:
 * the views and the log live in the shared database, so they are as stale for every node as the slowest segment,
 * whichever node holds it (or none, after a node died); and a node that holds no segment (several nodes share them)
 * is as ready as the others. A processor lags when its slowest segment is more than
 * {@code coalition.health.max-lag} events behind the store's head, or the oldest event it has not processed was
 * stored longer than {@code coalition.health.max-age} ago; then the node is OUT_OF_SERVICE. Segments replaying on
 * purpose (a views rebuild; partners read the previous generation meanwhile, and the rebuild reports its own
 * progress) are counted in {@code replayingSegments}, not in the lag.
 */
@Component
class ProcessorLagHealthIndicator implements ReactiveHealthIndicator {

    private final StoreReads reads;
    private final HealthProperties properties;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;

    private final BackgroundCheck check;

    ProcessorLagHealthIndicator(StoreReads reads, HealthProperties properties, EventProcessingConfiguration processing,
                                Serializer serializer, BackgroundChecks checks) {
        this.reads = reads;
        this.properties = properties;
        this.processing = processing;
        this.serializer = serializer;
        this.check = checks.register("processorLag", this::check);
    }

    @Override
    public Mono<Health> health() {
        return check.health();
    }

    private Health check() {
        long head = reads.head();
        Instant now = Instant.now();
        List<Map<String, Object>> processors = new ArrayList<>();
        List<String> lagging = new ArrayList<>();
        for (String name : streamingProcessors()) {
            Map<String, Object> detail = progress(name, head, now);
            if (Boolean.TRUE.equals(detail.get("lagging"))) {
                lagging.add(name);
            }
            processors.add(detail);
        }
        Health.Builder health = lagging.isEmpty() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        health.withDetail("head", head);
        if (!lagging.isEmpty()) {
            health.withDetail("lagging", lagging);
        }
        return health.withDetail("processors", processors).build();
    }

    private Map<String, Object> progress(String processor, long head, Instant now) {
        long slowest = Long.MAX_VALUE;
        int replaying = 0;
        int unclaimed = 0;
        List<StoreReads.TokenRow> rows = reads.tokens(processor);
        for (StoreReads.TokenRow row : rows) {
            TrackingToken token = token(row);
            long position = token == null ? -1 : token.position().orElse(-1);
            if (row.owner() == null) {
                unclaimed++;
            }
            // A reset leaves a replay token, which Axon keeps in the store until the segment sees an event of its own
            // after the reset's position: the positions tell whether the segment is still replaying, not the type.
            if (token != null && WrappedToken.unwrap(token, ReplayToken.class)
                    .map(replay -> position < ReplayToken.getTokenAtReset(replay).orElse(-1)).orElse(false)) {
                replaying++;
                continue;
            }
            slowest = Math.min(slowest, position);
        }
        if (rows.isEmpty()) {
            // Not initialised yet: nothing of the store has been processed.
            slowest = -1;
        }
        if (slowest == Long.MAX_VALUE) {
            // Every segment is replaying: nothing to measure until one has caught up.
            slowest = head;
        }
        long lag = Math.max(0, head - slowest);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("processor", processor);
        detail.put("position", slowest);
        detail.put("lag", lag);
        detail.put("maxLag", properties.maxLag());
        detail.put("segments", rows.size());
        detail.put("unclaimedSegments", unclaimed);
        boolean lagging = lag > properties.maxLag();
        if (lag > 0) {
            Optional<Instant> oldest = reads.storedAfter(slowest);
            if (oldest.isPresent()) {
                Duration age = Duration.between(oldest.get(), now);
                detail.put("oldestUnprocessedAge", age.isNegative() ? Duration.ZERO.toString() : age.toString());
                lagging |= age.compareTo(properties.maxAge()) > 0;
            }
        }
        detail.put("maxAge", properties.maxAge().toString());
        if (replaying > 0) {
            detail.put("replayingSegments", replaying);
        }
        detail.put("lagging", lagging);
        return detail;
    }

    private TrackingToken token(StoreReads.TokenRow row) {
        if (row.token() == null || row.tokenType() == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(row.token(), byte[].class, row.tokenType(), null));
    }

    /** The streaming processors configured on this node, by name: every node of the ledger runs the same ones. */
    private TreeSet<String> streamingProcessors() {
        TreeSet<String> names = new TreeSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }
}
