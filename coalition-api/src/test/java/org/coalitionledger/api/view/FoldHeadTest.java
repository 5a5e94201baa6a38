package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.api.view.LedgerFixtures.CEWTO;
import static org.coalitionledger.api.view.LedgerFixtures.arrests;
import static org.coalitionledger.api.view.LedgerFixtures.batch;
import static org.coalitionledger.api.view.LedgerFixtures.confiscation;
import static org.coalitionledger.api.view.LedgerFixtures.founded;
import static org.coalitionledger.api.view.LedgerFixtures.goal;

/**
 * A fold continued from a head (no records, a year-over-year table per basis) must answer exactly like the whole fold
 * whenever it says it can, and must say it cannot exactly when a later fact needs the records before the head.
 */
class FoldHeadTest {

    private static final List<String> FOUNDERS = List.of("alibaba", "baidu", "ebay", "google", "tencent");
    private static final LocalDate MEMBERSHIP_DAY = LocalDate.of(2020, 6, 30);

    @Test
    void aFoldContinuedFromAHead_answersLikeTheWholeFold_orSaysItNeedsTheRecords_atEveryCutOfRandomHistories() {
        int answered = 0;
        int needed = 0;
        for (long seed = 1; seed <= 200; seed++) {
            List<LedgerEntry> entries = randomHistory(new Random(seed));
            CoalitionLedgerFold whole = new CoalitionLedgerFold(CEWTO).applyAll(entries);
            for (int cut = 1; cut <= entries.size(); cut++) {
                List<LedgerEntry> later = entries.subList(cut, entries.size());
                FoldHead head = new CoalitionLedgerFold(CEWTO).applyAll(entries.subList(0, cut)).head();
                CoalitionLedgerFold continued = CoalitionLedgerFold.continueFrom(head).applyAll(later);

                boolean needsRecords = needsEarlierRecords(later);
                assertThat(continued.answersWithoutEarlierRecords()).as("seed %d, cut %d", seed, cut)
                        .isEqualTo(!needsRecords);
                if (needsRecords) {
                    needed++;
                    continue;
                }
                answered++;
                for (YearBasis basis : YearBasis.values()) {
                    assertThat(continued.yearOverYear(basis)).as("seed %d, cut %d, %s", seed, cut, basis)
                            .isEqualTo(whole.yearOverYear(basis));
                }
                assertThat(continued.goalProgress()).as("seed %d, cut %d", seed, cut).isEqualTo(whole.goalProgress());
                assertThat(continued.coalition()).isEqualTo(whole.coalition());
                assertThat(continued.membership(MEMBERSHIP_DAY)).isEqualTo(whole.membership(MEMBERSHIP_DAY));
                // So a head can be made from the one before and the facts since, at the cost of those facts.
                assertThat(continued.head()).as("seed %d, cut %d", seed, cut).isEqualTo(whole.head());
                assertThat(continued.recordCount()).isEqualTo(whole.recordCount());
            }
        }
        // Both outcomes were exercised many times.
        assertThat(answered).isGreaterThan(500);
        assertThat(needed).isGreaterThan(500);
    }

    @Test
    void aHead_sumsUpTheRecords_inAYearTablePerBasis() {
        List<LedgerEntry> entries = randomHistory(new Random(7));
        CoalitionLedgerFold whole = new CoalitionLedgerFold(CEWTO).applyAll(entries);

        FoldHead head = whole.head();

        assertThat(head.records()).isEqualTo(whole.recordIds().size()).isEqualTo(whole.recordCount()).isPositive();
        assertThat(head.years()).extracting(YearOverYearView::basis).containsExactly(YearBasis.values());
        assertThat(head.years()).containsExactly(whole.yearOverYear(YearBasis.COALITION_YEAR),
                whole.yearOverYear(YearBasis.CALENDAR_YEAR));
    }

    @Test
    void aFoldContinuedFromAHead_neverAnswersTheRestatementTrail_norGivesASnapshot() {
        FoldHead head = new CoalitionLedgerFold(CEWTO).applyAll(randomHistory(new Random(3))).head();
        CoalitionLedgerFold continued = CoalitionLedgerFold.continueFrom(head);

        assertThatThrownBy(continued::restatements).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(continued::snapshot).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFoldThatNeedsTheRecordsBeforeItsHead_refusesToAnswer() {
        FoldHead head = new CoalitionLedgerFold(CEWTO).applyAll(randomHistory(new Random(5))).head();
        CoalitionLedgerFold continued = CoalitionLedgerFold.continueFrom(head)
                .applyAll(LedgerFixtures.founded().add(new MemberLeftEvent(CEWTO, "ebay", MEMBERSHIP_DAY, "left"))
                        .entries().subList(22, 23));

        assertThat(continued.answersWithoutEarlierRecords()).isFalse();
        assertThatThrownBy(() -> continued.yearOverYear(YearBasis.CALENDAR_YEAR))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(continued::coalition).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(continued::head).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRecordRecordedAgainAfterTheHead_isCountedByTheContinuedFold_soItsRecordCountShowsIt() {
        // Never via the commands: the whole fold keeps the first record of an id; the continued one cannot know it.
        List<LedgerEntry> entries = LedgerFixtures.firstYear()
                .add(arrests("arrests-2019-cn", LocalDate.of(2019, 3, 1), 500)).entries();
        int cut = entries.size() - 1;
        CoalitionLedgerFold whole = new CoalitionLedgerFold(CEWTO).applyAll(entries);
        CoalitionLedgerFold continued = CoalitionLedgerFold.continueFrom(
                new CoalitionLedgerFold(CEWTO).applyAll(entries.subList(0, cut)).head()).applyAll(entries.subList(cut,
                entries.size()));

        assertThat(continued.answersWithoutEarlierRecords()).isTrue();
        assertThat(continued.recordIds()).containsExactly("arrests-2019-cn");
        assertThat(continued.recordCount()).isEqualTo(whole.recordCount() + 1);
        assertThat(continued.yearOverYear(YearBasis.COALITION_YEAR))
                .isNotEqualTo(whole.yearOverYear(YearBasis.COALITION_YEAR));
    }

    /** What the rule says, written independently: a membership fact, or a restatement of a record not added later. */
    private static boolean needsEarlierRecords(List<LedgerEntry> later) {
        Set<String> added = new HashSet<>();
        for (LedgerEntry entry : later) {
            Object p = entry.payload();
            if (p instanceof MemberJoinedEvent || p instanceof MemberLeftEvent
                    || p instanceof org.coalitionledger.api.coalition.MembershipCorrectedEvent) {
                return true;
            }
            String restated = p instanceof TakedownBatchCorrectedEvent e ? e.batchId()
                    : p instanceof ArrestRecordCorrectedEvent e ? e.recordId()
                    : p instanceof ConfiscationRecordCorrectedEvent e ? e.recordId()
                    : p instanceof RecordRetractedEvent e ? e.recordId() : null;
            if (restated != null && !added.contains(restated)) {
                return true;
            }
            if (p instanceof TakedownBatchRecordedEvent e) {
                added.add(e.batchId());
            } else if (p instanceof ArrestRecordedEvent e) {
                added.add(e.recordId());
            } else if (p instanceof ConfiscationRecordedEvent e) {
                added.add(e.recordId());
            }
        }
        return false;
    }

    /**
     * A founding with 21 members, then 40 facts over six years: member, NGO and agency batches with and without
     * categories, arrests, confiscations in two currencies with amounts of different scales, corrections and
     * retractions of earlier records, goals, and now and then a member joining or leaving. Record ids are unique.
     */
    static List<LedgerEntry> randomHistory(Random random) {
        LedgerFixtures f = founded();
        List<String> batches = new ArrayList<>();
        List<String> arrestIds = new ArrayList<>();
        List<String> confiscations = new ArrayList<>();
        List<String> all = new ArrayList<>();
        String[] amounts = {"1200", "350.5", "17.25", "0.125", "9000000.00"};
        String[] categories = {"ivory", "pangolin", "tiger", "birds"};
        for (int i = 0; i < 40; i++) {
            LocalDate day = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(6 * 365));
            String id = "r" + i;
            int pick = random.nextInt(28); // 19 and above: an arrest, so most facts add records
            if (pick < 6) {
                String member = FOUNDERS.get(random.nextInt(FOUNDERS.size()));
                List<String> named = random.nextBoolean() ? List.of()
                        : List.of(categories[random.nextInt(4)], categories[random.nextInt(4)]);
                boolean byMember = random.nextInt(3) > 0;
                f.add(batch(id, byMember ? ReporterType.MEMBER : random.nextBoolean() ? ReporterType.NGO
                                : ReporterType.AGENCY, byMember ? member : null, byMember ? null : "Reporter " + pick,
                        day.minusDays(30), day, random.nextInt(1000), random.nextInt(100), random.nextInt(10), named));
                batches.add(id);
                all.add(id);
            } else if (pick < 9) {
                f.add(arrests(id, day, 1 + random.nextInt(20)));
                arrestIds.add(id);
                all.add(id);
            } else if (pick < 11) {
                f.add(confiscation(id, day, amounts[random.nextInt(amounts.length)],
                        random.nextBoolean() ? "CNY" : "VND", random.nextBoolean() ? "6.7202" : "0.5"));
                confiscations.add(id);
                all.add(id);
            } else if (pick < 13 && !batches.isEmpty()) {
                f.add(new TakedownBatchCorrectedEvent(CEWTO, pickFrom(random, batches), random.nextInt(1000), 1, 0,
                        "recount"));
            } else if (pick == 13 && !arrestIds.isEmpty()) {
                f.add(new ArrestRecordCorrectedEvent(CEWTO, pickFrom(random, arrestIds), random.nextInt(30),
                        "recount"));
            } else if (pick == 14 && !confiscations.isEmpty()) {
                f.add(new ConfiscationRecordCorrectedEvent(CEWTO, pickFrom(random, confiscations),
                        new BigDecimal(amounts[random.nextInt(amounts.length)]), null, null, null, "customs"));
            } else if (pick == 15 && !all.isEmpty()) {
                f.add(new RecordRetractedEvent(CEWTO, pickFrom(random, all), "double-counted"));
            } else if (pick == 16) {
                f.add(goal("goal-" + (i % 3), GoalMetric.ONLINE_TRAFFICKING, 1_000L, "80",
                        LocalDate.of(2021 + random.nextInt(3), 12, 31)));
            } else if (pick == 17) {
                f.add(LedgerFixtures.joined("joiner-" + i, "Joiner " + i, "KE", "Africa", "Retail", day));
            } else if (pick == 18) {
                f.add(new MemberLeftEvent(CEWTO, FOUNDERS.get(random.nextInt(FOUNDERS.size())), day, "left"));
            } else {
                f.add(arrests(id, day, 2));
                arrestIds.add(id);
                all.add(id);
            }
        }
        return f.entries();
    }

    private static String pickFrom(Random random, List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
