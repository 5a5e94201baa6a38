package org.coalitionledger.api.view;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.api.view.LedgerFixtures.CEWTO;
import static org.coalitionledger.api.view.LedgerFixtures.arrests;
import static org.coalitionledger.api.view.LedgerFixtures.founded;

/**
 * A fold's state kept record by record: at each cut the caller stores the fold without its records, the records
 * changed since the last cut and the trail's new entries; put back together at any cut, they are the whole fold's
 * state, and what is stored per cut is bounded by the facts folded since (not by every record).
 */
class FoldRecordVersionsTest {

    @Test
    void theChangedRecordsAndNewRestatementsOfEachCut_putBackTogether_areTheWholeState_forRandomHistories() {
        int cuts = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<LedgerEntry> entries = FoldHeadTest.randomHistory(random);
            CoalitionLedgerFold fold = new CoalitionLedgerFold(CEWTO);
            TreeMap<Integer, FoldSnapshot.RecordState> kept = new TreeMap<>();
            List<RestatementView> trail = new ArrayList<>();
            int since = 0;
            for (int i = 0; i < entries.size(); i++) {
                fold.apply(entries.get(i));
                since++;
                if (random.nextInt(4) > 0 && i < entries.size() - 1) {
                    continue;
                }
                List<FoldSnapshot.NumberedRecord> changed = fold.takeChangedRecords();
                // Never more than one per fact folded since the last cut.
                assertThat(changed.size()).as("seed %d, entry %d", seed, i).isLessThanOrEqualTo(since);
                changed.forEach(record -> kept.put(record.ordinal(), record.state()));
                trail.addAll(fold.restatementsFrom(trail.size()));
                assertThat(trail).hasSize(fold.restatementCount());
                since = 0;

                FoldSnapshot together = fold.snapshotWithoutRecords().withRecords(new ArrayList<>(kept.values()),
                        trail);
                assertThat(together).as("seed %d, entry %d", seed, i).isEqualTo(fold.snapshot());
                assertThat(kept.keySet()).containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, kept.size()).boxed().toList());
                // Restored from the parts, it folds on exactly as the unbroken fold.
                CoalitionLedgerFold restored = CoalitionLedgerFold.restore(together);
                assertThat(restored.takeChangedRecords()).as("a restored fold has changed nothing").isEmpty();
                List<LedgerEntry> rest = entries.subList(i + 1, entries.size());
                CoalitionLedgerFold whole = new CoalitionLedgerFold(CEWTO).applyAll(entries);
                assertThat(restored.applyAll(rest).snapshot()).isEqualTo(whole.snapshot());

                // The trail alone: every restatement, and only the records the rest mentions.
                java.util.Set<String> mentioned = new java.util.HashSet<>();
                rest.forEach(entry -> mentioned.add(CoalitionLedgerFold.recordIdOf(entry.payload())));
                List<FoldSnapshot.RecordState> some = kept.values().stream()
                        .filter(record -> mentioned.contains(record.recordId())).toList();
                CoalitionLedgerFold trailOnly = CoalitionLedgerFold.restoreForTrail(
                        fold.snapshotWithoutRecords().withRecords(some, trail)).applyAll(rest);
                assertThat(trailOnly.restatements()).as("seed %d, entry %d", seed, i)
                        .isEqualTo(whole.restatements());
                assertThat(trailOnly.isFounded()).isEqualTo(whole.isFounded());
                assertThatThrownBy(() -> trailOnly.yearOverYear(YearBasis.CALENDAR_YEAR))
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(trailOnly::snapshot).isInstanceOf(IllegalStateException.class);

                // Looking up only the records the rest names: what the next cut stores is the whole fold's.
                java.util.Map<String, FoldSnapshot.NumberedRecord> byId = new java.util.HashMap<>();
                kept.forEach((ordinal, record) -> byId.put(record.recordId(),
                        new FoldSnapshot.NumberedRecord(ordinal, record)));
                List<String> lookedUp = new ArrayList<>();
                CoalitionLedgerFold lookingUp = CoalitionLedgerFold.restoreLookingUp(fold.snapshotWithoutRecords(),
                        kept.size(), trail.size(), recordId -> {
                            lookedUp.add(recordId);
                            return byId.get(recordId);
                        }).applyAll(rest);
                CoalitionLedgerFold unbroken = CoalitionLedgerFold.restore(together);
                unbroken.applyAll(rest);
                assertThat(lookedUp).as("seed %d, entry %d: each named record looked up once", seed, i)
                        .doesNotHaveDuplicates().isSubsetOf(mentioned);
                assertThat(lookingUp.takeChangedRecords()).as("seed %d, entry %d", seed, i)
                        .isEqualTo(unbroken.takeChangedRecords());
                assertThat(lookingUp.restatementsFrom(trail.size())).isEqualTo(unbroken.restatementsFrom(trail.size()));
                assertThat(lookingUp.restatementCount()).isEqualTo(unbroken.restatementCount());
                assertThat(lookingUp.recordCount()).isEqualTo(unbroken.recordCount());
                assertThat(lookingUp.snapshotWithoutRecords()).isEqualTo(unbroken.snapshotWithoutRecords());
                assertThat(lookingUp.holdsEveryRecord()).isFalse();
                assertThatThrownBy(lookingUp::restatements).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(lookingUp::snapshot).isInstanceOf(IllegalStateException.class);
                if (lookingUp.isFounded()) {
                    assertThatThrownBy(() -> lookingUp.yearOverYear(YearBasis.CALENDAR_YEAR))
                            .isInstanceOf(IllegalStateException.class);
                }
                cuts++;
            }
        }
        assertThat(cuts).isGreaterThan(1000);
    }

    @Test
    void aRecordRecordedAgain_isNoChange_andARestatementChangesOnlyItsRecord() {
        LedgerFixtures f = founded();
        f.add(arrests("a1", java.time.LocalDate.of(2019, 3, 1), 2));
        f.add(arrests("a2", java.time.LocalDate.of(2019, 4, 1), 3));
        CoalitionLedgerFold fold = new CoalitionLedgerFold(CEWTO).applyAll(f.entries());
        assertThat(fold.takeChangedRecords()).extracting(FoldSnapshot.NumberedRecord::ordinal).containsExactly(0, 1);

        LedgerFixtures later = founded();
        later.add(arrests("a1", java.time.LocalDate.of(2020, 1, 1), 9));
        later.add(new org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent(CEWTO, "a2", 4, "recount"));
        List<LedgerEntry> facts = later.entries();
        fold.applyAll(facts.subList(facts.size() - 2, facts.size()));

        assertThat(fold.takeChangedRecords()).singleElement().satisfies(record -> {
            assertThat(record.ordinal()).isEqualTo(1);
            assertThat(record.state().recordId()).isEqualTo("a2");
            assertThat(record.state().restated()).isTrue();
        });
        assertThat(fold.takeChangedRecords()).isEmpty();
    }
}
