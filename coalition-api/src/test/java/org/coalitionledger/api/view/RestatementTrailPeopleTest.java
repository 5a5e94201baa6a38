package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.view.LedgerFixtures.CEWTO;
import static org.coalitionledger.api.view.LedgerFixtures.arrests;
import static org.coalitionledger.api.view.LedgerFixtures.founded;

/** The restatement trail names both people: who recorded the record, and who corrected or retracted it. */
class RestatementTrailPeopleTest {

    @Test
    void restatement_namesWhoRecorded_andWhoCorrected_alsoAfterASnapshot() {
        var fixtures = founded()
                .addAs("alice@example.org", arrests("arrests-x", LocalDate.of(2018, 6, 1), 3))
                .addAs("bob@example.org", new ArrestRecordCorrectedEvent(CEWTO, "arrests-x", 4, "recount"))
                .addAs("carol@example.org", new RecordRetractedEvent(CEWTO, "arrests-x", "duplicate"))
                .addAs("carol@example.org", new RecordRetractedEvent(CEWTO, "no-such-record", "unknown"));

        CoalitionLedgerFold fold = new CoalitionLedgerFold(CEWTO).applyAll(fixtures.entries());
        List<RestatementView> trail = fold.restatements();

        assertThat(trail).extracting(RestatementView::actor)
                .containsExactly("bob@example.org", "carol@example.org", "carol@example.org");
        assertThat(trail).extracting(RestatementView::recordedBy)
                .containsExactly("alice@example.org", "alice@example.org", null);

        // A fold restored from its snapshot still knows who recorded the record.
        var restored = CoalitionLedgerFold.restore(fold.snapshot());
        var more = founded().addAs("dave@example.org",
                new ArrestRecordCorrectedEvent(CEWTO, "arrests-x", 5, "late"));
        restored.apply(more.entries().get(more.entries().size() - 1));
        assertThat(restored.restatements().get(restored.restatements().size() - 1).recordedBy())
                .isEqualTo("alice@example.org");
    }
}
