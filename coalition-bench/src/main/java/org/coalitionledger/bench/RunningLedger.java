package org.coalitionledger.bench;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.LedgerMetadata;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The whole application, started in-process on a benchmark database (no fixed port, no first-year history). */
final class RunningLedger implements AutoCloseable {

    static final String VIEWS = "coalition-views";
    static final String AUDIT = "audit-log";
    /** The application's main class, named rather than imported: the web module's classes are run-time only here. */
    private static final String APPLICATION = "org.coalitionledger.CoalitionApplication";
    private static final long POLL_MILLIS = 5;

    private final ConfigurableApplicationContext context;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-poller");
        thread.setDaemon(true);
        return thread;
    });

    private RunningLedger(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param viewsBatchSize the coalition-views batch size, or null for the configured one
     * @param clean          whether Flyway cleans the database first
     */
    static RunningLedger start(BenchDatabase database, Path dataRoot, Integer viewsBatchSize, boolean clean) {
        List<String> args = new ArrayList<>(database.appArguments(dataRoot));
        args.add("--server.port=0");
        args.add("--coalition.first-year-history.enabled=false");
        if (viewsBatchSize != null) {
            args.add("--axon.eventhandling.processors." + VIEWS + ".batch-size=" + viewsBatchSize);
        }
        Class<?> application;
        try {
            application = Class.forName(APPLICATION);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("coalition-web is not on the class path (see docs/benchmarks.md)", e);
        }
        var builder = new SpringApplicationBuilder(application).logStartupInfo(false);
        if (clean) {
            builder.sources(CleanBenchDatabase.class);
            args.add("--spring.flyway.clean-disabled=false");
        }
        return new RunningLedger(builder.run(args.toArray(String[]::new)));
    }

    /** The schema owner's connections (Flyway's): the raw limits make and drop a scratch table of their own. */
    DataSource dataSource() {
        return context.getBean(org.flywaydb.core.Flyway.class).getConfiguration().getDataSource();
    }

    CompletableFuture<Object> send(Object command, String requestId) {
        return context.getBean(CommandGateway.class).send(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(LedgerMetadata.ACTOR, "coalition-bench")
                        .and(LedgerMetadata.ACTOR_ROLE, "SYSTEM")
                        .and(LedgerMetadata.REQUEST_ID, requestId)));
    }

    StreamingEventProcessor processor(String name) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    /** The global index of the newest stored event. */
    long headPosition() {
        return context.getBean(EventStore.class).createHeadToken().position().orElse(-1);
    }

    /**
     * Waits until every segment of the processor is claimed and has processed the event at {@code head}.
     * Polled every {@value #POLL_MILLIS} ms, so a measured time is late by at most that much.
     *
     * @return the nanoTime at which caught-up was seen
     * @throws TimeoutException when it has not caught up within {@code timeout}
     */
    long awaitCaughtUp(StreamingEventProcessor processor, long head, Duration timeout)
            throws TimeoutException, InterruptedException {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        var check = poller.scheduleAtFixedRate(() -> {
            try {
                if (caughtUp(processor.processingStatus(), head)) {
                    seen.complete(System.nanoTime());
                }
            } catch (RuntimeException e) {
                // A scheduled task that throws is silently never run again: hand the failure to the waiter.
                seen.completeExceptionally(e);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("status poll failed", e.getCause());
        } finally {
            check.cancel(false);
        }
    }

    /** Each segment's status, for the log of a replay that timed out. */
    static String describe(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(s -> s.getSegment() + " at " + s.getCurrentPosition() + (s.isReplaying() ? " replaying" : "")
                        + (s.isCaughtUp() ? " caught up" : ""))
                .toList().toString();
    }

    /** The lowest position over the processor's segments (how far a timed-out replay got). */
    static long lowestPosition(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> status, long head) {
        for (EventTrackerStatus s : status.values()) {
            if (s.isErrorState()) {
                throw new IllegalStateException("processor segment " + s.getSegment() + " failed", s.getError());
            }
            // Not isReplaying(): a reset token stays a replay token until an event newer than the reset arrives.
            if (s.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
        }
        // Every segment must be claimed (their shares add up to the whole), not only those claimed so far.
        return status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum() > 0.999;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        context.close();
    }
}
