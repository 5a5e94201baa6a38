package org.coalitionledger.query.deadletter;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.admin.DeadLetterEvictedEvent;
import org.coalitionledger.api.admin.DeadLetterEviction;
import org.coalitionledger.api.admin.DeadLetterListView;
import org.coalitionledger.api.admin.DeadLetterRetriedEvent;
import org.coalitionledger.api.admin.DeadLetterRetry;
import org.coalitionledger.api.admin.DeadLetterView;
import org.coalitionledger.api.admin.EvictDeadLetterCommand;
import org.coalitionledger.api.admin.FindDeadLetterQuery;
import org.coalitionledger.api.admin.FindDeadLettersQuery;
import org.coalitionledger.api.admin.RetryDeadLetterCommand;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;
import org.coalitionledger.api.view.FindViewStalenessQuery;
import org.coalitionledger.api.view.ViewStaleness;
import org.coalitionledger.query.config.CoalitionSequencingPolicy;
import org.coalitionledger.query.config.ProcessingGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The coalition views' dead-letter queue, for administrators: list and inspect the parked events, retry a parked
 * sequence, evict one letter; and, for partners, whether a coalition's live views are stale.
 * <p>
 * A coalition's views are stale exactly while its sequence ({@link CoalitionSequencingPolicy#sequenceOf}) has
 * letters in the queue. The mark is read from the queue's own rows, which Axon writes and removes in the same
 * transaction as the projection's batch, so it can never disagree with what is parked: set when an event is parked,
 * cleared when the last letter of the sequence is handled or evicted.
 * <p>
 * Retries and evictions are commands (the actor is checked like any other) and each records a ledger fact on the
 * letter's own administrative stream ({@link AdminStreams#deadLetter}) with the command's actor metadata. Listing
 * and inspecting read the queue's rows as stored, so a letter whose payload cannot even be read can still be shown.
 */
@Component
public class DeadLetters implements DisposableBean {

    static final String GROUP = ProcessingGroups.COALITION_VIEWS;
    private static final String AGGREGATE_TYPE = "DeadLetter";
    private static final int MAX_LIST = 1000;
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private static final String COLUMNS = "dead_letter_id, processing_group, sequence_identifier, sequence_index, "
            + "event_identifier, aggregate_identifier, sequence_number, payload_type, payload_revision, time_stamp, "
            + "enqueued_at, last_touched, cause_type, cause_message";
    /** The list's total is counted up to this many letters, so the list costs the same however many are parked. */
    static final int MAX_COUNTED = 10_000;
    /**
     * A sequence's first letter, and so when it was parked (letters are parked in their sequence's order), through the
     * queue's own index of each sequence's letters in order: one index entry however many are parked.
     */
    static final String FIRST_OF_SEQUENCE = "select enqueued_at from dead_letter_entry where processing_group = ? "
            + "and sequence_identifier = ? order by sequence_index fetch first 1 rows only";
    /** The oldest letters, through the index by time: the rows the list shows, not every letter. */
    static final String OLDEST = "select " + COLUMNS + " from dead_letter_entry "
            + "order by enqueued_at, sequence_identifier, sequence_index fetch first ? rows only";
    static final String COUNTED = "select count(*) from (select 1 from dead_letter_entry fetch first "
            + (MAX_COUNTED + 1) + " rows only) letters";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    // A retry runs its own units of work and transactions, apart from the command's (Axon's are thread-bound).
    private final ExecutorService retries = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dead-letter-retry");
        thread.setDaemon(true);
        return thread;
    });

    public DeadLetters(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @QueryHandler
    public DeadLetterListView handle(FindDeadLettersQuery query) {
        int limit = Math.max(1, Math.min(MAX_LIST, query.limit()));
        long counted = jdbc.queryForObject(COUNTED, Long.class);
        List<DeadLetterView> letters = jdbc.query(OLDEST, (rs, n) -> view(rs, null, null), limit);
        return new DeadLetterListView(Math.min(counted, MAX_COUNTED), counted > MAX_COUNTED, letters);
    }

    @QueryHandler
    public DeadLetterView handle(FindDeadLetterQuery query) {
        return jdbc.query("select " + COLUMNS + ", payload, meta_data from dead_letter_entry where dead_letter_id = ?",
                (rs, n) -> view(rs, text(rs.getBytes("payload")), text(rs.getBytes("meta_data"))),
                query.deadLetterId()).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public ViewStaleness handle(FindViewStalenessQuery query) {
        return jdbc.query(FIRST_OF_SEQUENCE, (rs, n) -> rs.getTimestamp(1), GROUP,
                        CoalitionSequencingPolicy.sequenceOf(query.coalitionId())).stream().findFirst()
                .map(since -> new ViewStaleness(query.coalitionId(), true, since.toInstant()))
                .orElseGet(() -> ViewStaleness.fresh(query.coalitionId()));
    }

    /**
     * Handles the letter's whole sequence again, in order, stopping at the first event that fails again (it stays
     * parked, with the rest). The retry commits on its own; then the fact is recorded with its outcome.
     */
    @CommandHandler
    public DeadLetterRetry handle(RetryDeadLetterCommand command) {
        DeadLetterView letter = existing(command.deadLetterId());
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(GROUP)
                .orElseThrow(() -> new IllegalStateException("processing group " + GROUP + " has no dead-letter queue"));
        String sequence = letter.sequenceIdentifier();
        boolean handled;
        try {
            handled = CompletableFuture.supplyAsync(() -> processor.process(candidate ->
                    candidate instanceof JpaDeadLetter<?> jpa && sequence.equals(jpa.getSequenceIdentifier())),
                    retries).join();
        } catch (RuntimeException e) {
            log.warn("Retry of dead letter {} failed: {}", command.deadLetterId(), e.toString());
            handled = false;
        }
        long stillParked = parked(sequence);
        String eventId = record(command.deadLetterId(), new DeadLetterRetriedEvent(command.deadLetterId(), GROUP,
                sequence, letter.eventId(), handled && stillParked == 0, stillParked, command.reason()));
        return new DeadLetterRetry(command.deadLetterId(), sequence, handled && stillParked == 0, stillParked, eventId);
    }

    /** Removes the letter from the queue; the removal and its fact commit in the command's one transaction. */
    @CommandHandler
    public DeadLetterEviction handle(EvictDeadLetterCommand command) {
        DeadLetterView letter = existing(command.deadLetterId());
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(GROUP)
                .orElseThrow(() -> new IllegalStateException("processing group " + GROUP + " has no dead-letter queue"));
        String sequence = letter.sequenceIdentifier();
        DeadLetter<? extends EventMessage<?>> found = null;
        for (DeadLetter<? extends EventMessage<?>> candidate : queue.deadLetterSequence(sequence)) {
            if (candidate instanceof JpaDeadLetter<?> jpa && jpa.getId().equals(command.deadLetterId())) {
                found = candidate;
                break;
            }
        }
        if (found == null) {
            throw notFound(command.deadLetterId());
        }
        queue.evict(found);
        long stillParked = parked(sequence);
        String eventId = record(command.deadLetterId(), new DeadLetterEvictedEvent(command.deadLetterId(), GROUP,
                sequence, letter.eventId(), stillParked, command.reason()));
        return new DeadLetterEviction(command.deadLetterId(), sequence, stillParked, eventId);
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }

    private DeadLetterView existing(String deadLetterId) {
        DeadLetterView letter = handle(new FindDeadLetterQuery(deadLetterId));
        if (letter == null || !GROUP.equals(letter.processingGroup())) {
            throw notFound(deadLetterId);
        }
        return letter;
    }

    private long parked(String sequence) {
        return jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ? "
                + "and sequence_identifier = ?", Long.class, GROUP, sequence);
    }

    /** Publishes the fact in the command's unit of work, so it carries the command's actor metadata and commits with it. */
    private String record(String deadLetterId, Object fact) {
        String stream = AdminStreams.deadLetter(deadLetterId);
        long next = eventStore.lastSequenceNumberFor(stream).orElse(-1L) + 1;
        var event = new GenericDomainEventMessage<>(AGGREGATE_TYPE, stream, next, fact);
        eventStore.publish(event);
        return event.getIdentifier();
    }

    private static InvalidCommandException notFound(String deadLetterId) {
        return new InvalidCommandException(CoalitionErrorCode.DEAD_LETTER_NOT_FOUND,
                "no such dead letter: " + deadLetterId);
    }

    private static DeadLetterView view(ResultSet rs, String payload, String metaData) throws SQLException {
        String sequence = rs.getString("sequence_identifier");
        long storedSequence = rs.getLong("sequence_number");
        Long aggregateSequence = rs.wasNull() ? null : storedSequence;
        return new DeadLetterView(rs.getString("dead_letter_id"), rs.getString("processing_group"), sequence,
                CoalitionSequencingPolicy.coalitionOf(sequence), rs.getLong("sequence_index"),
                rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                aggregateSequence, rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"),
                rs.getTimestamp("enqueued_at").toInstant(), instant(rs.getTimestamp("last_touched")),
                rs.getString("cause_type"), rs.getString("cause_message"), payload, metaData);
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
