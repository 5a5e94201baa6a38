package org.coalitionledger.query.deadletter;

import org.coalitionledger.api.admin.DeadLetterListView;
import org.coalitionledger.api.admin.FindDeadLettersQuery;
import org.coalitionledger.api.view.FindViewStalenessQuery;
import org.coalitionledger.api.view.ViewStaleness;
import org.coalitionledger.query.config.CoalitionSequencingPolicy;
import org.coalitionledger.support.PlannedRows;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.coalitionledger.support.SchemaOwner;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter reads cost what they answer, however many letters are parked (an event the views fail on parks
 * every later event of its coalition, so a long-stuck coalition can park most of the ledger): whether a coalition's
 * live views are stale, asked on every live view read, reads its first letter alone; the administrators' list
 * reads the letters it shows and counts at most {@value DeadLetters#MAX_COUNTED} + 1. Counted by the planner
 * ({@link PlannedRows}), on letters written straight into the queue's table.
 */
@PostgresLedgerApplicationTest
class PostgresDeadLetterAccessPathsTest {

    @Autowired
    Flyway flyway;

    @Autowired
    DeadLetters deadLetters;

    private final String coalitionId = "parked-" + UUID.randomUUID();
    private final String sequence = CoalitionSequencingPolicy.sequenceOf(coalitionId);
    private final String otherSequence = CoalitionSequencingPolicy.sequenceOf("parked-before-" + UUID.randomUUID());
    private final Instant firstParked = Instant.parse("2026-01-01T00:00:00Z");

    @AfterEach
    void removeTheLetters() {
        SchemaOwner.jdbc(flyway).update("delete from dead_letter_entry where sequence_identifier in (?, ?)", sequence,
                otherSequence);
    }

    @Test
    void whetherAViewIsStale_readsTheCoalitionsFirstLetter_howeverManyAreParked() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        // Another coalition's letters parked before, which a read in time order across coalitions would pass over.
        park(owner, otherSequence, firstParked.minusSeconds(10_000), 500);
        park(owner, sequence, firstParked, 500);

        ViewStaleness staleness = deadLetters.handle(new FindViewStalenessQuery(coalitionId));
        assertThat(staleness.stale()).isTrue();
        assertThat(staleness.staleSince()).isEqualTo(firstParked);

        String sql = DeadLetters.FIRST_OF_SEQUENCE.replaceFirst("\\?", "'" + DeadLetters.GROUP + "'")
                .replaceFirst("\\?", "'" + sequence + "'");
        PlannedRows.Plan plan = PlannedRows.of(owner, sql, "dead_letter_entry");
        assertThat(plan.rows()).as("letters read to answer, in " + plan.json()).isEqualTo(1L);

        assertThat(deadLetters.handle(new FindViewStalenessQuery("never-parked-" + UUID.randomUUID())).stale())
                .isFalse();
    }

    @Test
    void theList_readsTheLettersItShows_andCountsNoFurtherThanItsCap() {
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        park(owner, sequence, firstParked, DeadLetters.MAX_COUNTED + 5);

        DeadLetterListView list = deadLetters.handle(new FindDeadLettersQuery(10));
        assertThat(list.deadLetters()).hasSize(10);
        assertThat(list.deadLetters().get(0).enqueuedAt()).isEqualTo(firstParked);
        assertThat(list.total()).isEqualTo(DeadLetters.MAX_COUNTED);
        assertThat(list.totalCapped()).isTrue();

        PlannedRows.Plan shown = PlannedRows.of(owner, DeadLetters.OLDEST.replace("?", "10"), "dead_letter_entry");
        assertThat(shown.rows()).as("letters read to list 10, in " + shown.json()).isEqualTo(10L);
        PlannedRows.Plan counted = PlannedRows.of(owner, DeadLetters.COUNTED, "dead_letter_entry");
        assertThat(counted.rows()).as("letters read to count, in " + counted.json())
                .isEqualTo(DeadLetters.MAX_COUNTED + 1L);
    }

    /**
     * Parks {@code count} letters of a sequence, a second apart from {@code first}, and lets the planner count them,
     * as autovacuum soon would: planned on an empty table's statistics, any index on the letters looks as good as
     * another.
     */
    private void park(JdbcTemplate owner, String sequence, Instant first, int count) {
        owner.batchUpdate("insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, "
                + "sequence_index, event_identifier, message_type, payload_type, payload, time_stamp, enqueued_at) "
                + "values (?, ?, ?, ?, ?, 'DomainEventMessage', 'java.lang.String', ?, ?, ?)",
                IntStream.range(0, count).mapToObj(i -> new Object[]{UUID.randomUUID().toString(), DeadLetters.GROUP,
                        sequence, (long) i, UUID.randomUUID().toString(), new byte[]{'{', '}'},
                        first.plusSeconds(i).toString(), Timestamp.from(first.plusSeconds(i))})
                        .toList());
        owner.execute("analyze dead_letter_entry");
    }
}
