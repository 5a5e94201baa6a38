package org.coalitionledger.web.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Liveness: every streaming processor of this node is running. A processor that has stopped (shut down and never
 * started again) does no more work on this node until it restarts, which is what a failed liveness probe brings
 * about. A processor in error mode (say the database is down) is still running and retrying on its own: that is
 * shown, never counted, because restarting every node does not mend a database. Reads only this node's memory, no
 * I/O, so it is answered on the request's own thread. Checked only between the application's start and its
 * shutdown, when the processors are meant to run.
 */
@Component
class ProcessorsHealthIndicator implements ReactiveHealthIndicator {

    private final EventProcessingConfiguration processing;
    private volatile boolean started;

    ProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        started = true;
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        started = false;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::check);
    }

    private Health check() {
        List<String> stopped = new ArrayList<>();
        Map<String, Object> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("running", streaming.isRunning());
                detail.put("error", streaming.isError());
                processors.put(name, detail);
                if (!streaming.isRunning()) {
                    stopped.add(name);
                }
            }
        });
        Health.Builder health = started && !stopped.isEmpty() ? Health.down().withDetail("stopped", stopped)
                : Health.up();
        return health.withDetail("processors", processors).build();
    }
}
