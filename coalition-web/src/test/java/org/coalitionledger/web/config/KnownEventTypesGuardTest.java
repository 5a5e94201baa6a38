package org.coalitionledger.web.config;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server reads a stored event only into one of the ledger's own event classes. A row planted in the event store
 * naming another class stops every read that reaches it (an aggregate's stream, the processors' global stream)
 * with an error naming the row, and that class is never loaded. Its own context and database, closed afterwards:
 * the planted row stops the processors too, which must not reach the other tests' shared ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coalition.data-dir=./target/test-data/planted-${random.uuid}",
                "coalition.first-year-history.enabled=false"})
@ActiveProfiles("test")
@DirtiesContext
class KnownEventTypesGuardTest {

    private static final String PLANTED = "org.coalitionledger.web.config.PlantedGadget";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storage;

    @Test
    void plantedRow_rejected_namingTheRow_andItsClassIsNeverLoaded() {
        String eventId = UUID.randomUUID().toString();
        jdbc.update("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, "
                        + "event_identifier, payload_revision, payload_type, time_stamp, type, payload, meta_data) "
                        + "values (next value for domain_event_entry_seq, 0, 'planted', ?, '1', ?, ?, null, ?, ?)",
                eventId, PLANTED, Instant.now().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        long globalIndex = jdbc.queryForObject("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, eventId);

        assertThatThrownBy(() -> eventStore.readEvents("planted").asStream().toList())
                .hasStackTraceContaining("stored event " + eventId + " (stream planted, sequence 0) names payload "
                        + "type '" + PLANTED + "' revision '1', which is not one of the ledger's event types: "
                        + "refused as tampering, nothing was loaded");
        assertThatThrownBy(() -> {
            try (Stream<? extends TrackedEventMessage<?>> all = storage.readEvents(null, false)) {
                all.forEach(event -> event.getPayload());
            }
        }).hasStackTraceContaining("stored event " + eventId + " (stream planted, sequence 0) at global index "
                + globalIndex + " names payload type '" + PLANTED + "'");

        assertThat(PlantedGadget.Initialised.NAMES).doesNotContain(PLANTED);
    }
}
