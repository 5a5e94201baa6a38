package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.view.LedgerFixtures.CEWTO;
import static org.coalitionledger.api.view.LedgerFixtures.FIRST_ANNIVERSARY_EVE;
import static org.coalitionledger.api.view.LedgerFixtures.firstYear;
import static org.coalitionledger.api.view.LedgerFixtures.goal;
import static org.coalitionledger.api.view.LedgerFixtures.left;
import static org.coalitionledger.api.view.LedgerFixtures.ngoBatch;

/** A projection stores the fold between batches: a restored fold must carry on exactly like the original. */
class FoldSnapshotTest {

    private static List<LedgerEntry> history() {
        return firstYear()
                .add(ngoBatch("second-year", LocalDate.of(2019, 3, 7), LocalDate.of(2020, 3, 6), 500))
                .add(goal("reduce-80-by-2020", GoalMetric.ONLINE_TRAFFICKING, 1_000L, "80", LocalDate.of(2020, 12, 31)))
                .add(new TakedownBatchCorrectedEvent(CEWTO, "second-year", 400, 0, 0, "duplicates"))
                .add(new ArrestRecordCorrectedEvent(CEWTO, "arrests-2019-cn", 130, "recount"))
                .add(new ConfiscationRecordCorrectedEvent(CEWTO, "confiscation-2019-cn", new BigDecimal("17000000.00"),
                        null, null, null, "customs figure"))
                .add(left("sapo", LocalDate.of(2019, 9, 1)))
                .add(new RecordRetractedEvent(CEWTO, "batch-2019-cn", "double-counted"))
                .entries();
    }

    @Test
    void restore_atEveryPoint_thenFoldingTheRest_givesTheViewsOfOneUnbrokenFold() {
        List<LedgerEntry> entries = history();
        CoalitionLedgerFold unbroken = new CoalitionLedgerFold(CEWTO).applyAll(entries);

        for (int cut = 1; cut <= entries.size(); cut++) {
            CoalitionLedgerFold first = new CoalitionLedgerFold(CEWTO).applyAll(entries.subList(0, cut));
            CoalitionLedgerFold resumed = CoalitionLedgerFold.restore(first.snapshot())
                    .applyAll(entries.subList(cut, entries.size()));

            for (YearBasis basis : YearBasis.values()) {
                assertThat(resumed.yearOverYear(basis)).as("cut at %d, %s", cut, basis)
                        .isEqualTo(unbroken.yearOverYear(basis));
            }
            assertThat(resumed.membership(LocalDate.of(2019, 9, 1))).isEqualTo(unbroken.membership(LocalDate.of(2019, 9, 1)));
            assertThat(resumed.membership(FIRST_ANNIVERSARY_EVE)).isEqualTo(unbroken.membership(FIRST_ANNIVERSARY_EVE));
            assertThat(resumed.goalProgress()).isEqualTo(unbroken.goalProgress());
            assertThat(resumed.restatements()).isEqualTo(unbroken.restatements());
            assertThat(resumed.coalition()).isEqualTo(unbroken.coalition());
            assertThat(resumed.snapshot()).as("cut at %d", cut).isEqualTo(unbroken.snapshot());
        }
    }

    @Test
    void snapshot_leavesTheFoldUntouched_andIsNotChangedByLaterFolding() {
        List<LedgerEntry> entries = history();
        CoalitionLedgerFold fold = new CoalitionLedgerFold(CEWTO).applyAll(entries.subList(0, entries.size() - 1));
        FoldSnapshot before = fold.snapshot();

        fold.apply(entries.get(entries.size() - 1)); // the retraction of the first-year batch

        assertThat(before.records()).filteredOn(r -> r.recordId().equals("batch-2019-cn"))
                .singleElement().satisfies(r -> assertThat(r.retracted()).isFalse());
        assertThat(fold.snapshot()).isNotEqualTo(before);
        assertThat(CoalitionLedgerFold.restore(before).yearOverYear(YearBasis.COALITION_YEAR).rows().get(0)
                .figures().listingsRemoved()).isEqualTo(1_000_000);
    }

    @Test
    void snapshot_ofAnEmptyFold_restoresUnfounded() {
        FoldSnapshot empty = new CoalitionLedgerFold("nobody").snapshot();

        assertThat(CoalitionLedgerFold.restore(empty).isFounded()).isFalse();
        assertThat(empty.stints()).isEmpty();
        assertThat(empty.coalitionId()).isEqualTo("nobody");
    }
}
