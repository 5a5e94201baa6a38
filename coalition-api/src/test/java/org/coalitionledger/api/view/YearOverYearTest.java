package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.view.LedgerFixtures.*;

class YearOverYearTest {

    private static final String FIRST_YEAR = "2018-03-07/2019-03-06";

    private static CoalitionLedgerFold fold(LedgerFixtures fixtures) {
        return new CoalitionLedgerFold(CEWTO).applyAll(fixtures.entries());
    }

    private static YearRow row(YearOverYearView view, String label) {
        return view.rows().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + view.rows()));
    }

    @Test
    void yearOverYear_firstCoalitionYear_showsAnniversaryFigures() {
        YearOverYearView view = fold(firstYear()).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.coalitionId()).isEqualTo(CEWTO);
        assertThat(view.basis()).isEqualTo(YearBasis.COALITION_YEAR);
        assertThat(view.rows()).hasSize(1);
        YearRow row = view.rows().get(0);
        assertThat(row.label()).isEqualTo(FIRST_YEAR);
        assertThat(row.start()).isEqualTo(LocalDate.of(2018, 3, 7));
        assertThat(row.end()).isEqualTo(LocalDate.of(2019, 3, 6));
        Figures f = row.figures();
        assertThat(f.listingsRemoved()).isEqualTo(1_000_000L);
        assertThat(f.adsBlocked()).isEqualTo(10_000_000L);
        assertThat(f.accountsRemoved()).isEqualTo(350_000L);
        assertThat(f.arrests()).isEqualTo(129L);
        assertThat(f.confiscatedByCurrency()).containsExactly(Map.entry("CNY", new BigDecimal("18000000.00")));
        assertThat(f.confiscatedUsd()).isEqualTo(new BigDecimal("2678491.71"));
        assertThat(row.cumulative()).isEqualTo(f);
        assertThat(row.membersAtYearEnd()).isEqualTo(32);
        assertThat(row.joined()).isEqualTo(32);
        assertThat(row.left()).isZero();
        assertThat(row.byReporter()).containsOnlyKeys("NGO:" + NGO_REPORT);
        assertThat(row.byRegion()).containsOnlyKeys(CoalitionLedgerFold.NOT_A_MEMBER);
        assertThat(row.byCategory()).containsOnlyKeys(CoalitionLedgerFold.UNCATEGORISED);
        assertThat(row.restated()).isFalse();
        assertThat(row.restatedFigures()).isEmpty();
    }

    @Test
    void yearOverYear_calendarBasis_putsFirstYearFiguresIn2019() {
        YearOverYearView view = fold(firstYear()).yearOverYear(YearBasis.CALENDAR_YEAR);

        assertThat(view.rows()).extracting(YearRow::label).containsExactly("2018", "2019");
        YearRow y2018 = view.rows().get(0);
        assertThat(y2018.start()).isEqualTo(LocalDate.of(2018, 1, 1));
        assertThat(y2018.end()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(y2018.figures()).isEqualTo(Figures.ZERO);
        assertThat(y2018.membersAtYearEnd()).isEqualTo(21);
        YearRow y2019 = view.rows().get(1);
        assertThat(y2019.figures().listingsRemoved()).isEqualTo(1_000_000L);
        assertThat(y2019.figures().adsBlocked()).isEqualTo(10_000_000L);
        assertThat(y2019.figures().accountsRemoved()).isEqualTo(350_000L);
        assertThat(y2019.figures().arrests()).isEqualTo(129L);
        assertThat(y2019.figures().confiscatedUsd()).isEqualTo(new BigDecimal("2678491.71"));
        assertThat(y2019.membersAtYearEnd()).isEqualTo(32);
        assertThat(y2019.joined()).isEqualTo(11);
    }

    @Test
    void yearOverYear_countsFigure_inYearOfPeriodEnd() {
        var fixtures = founded()
                .add(ngoBatch("ends-on-eve", LocalDate.of(2018, 6, 1), LocalDate.of(2019, 3, 6), 100))
                .add(ngoBatch("ends-on-anniversary", LocalDate.of(2018, 6, 1), LocalDate.of(2019, 3, 7), 7));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.rows()).extracting(YearRow::label).containsExactly(FIRST_YEAR, "2019-03-07/2020-03-06");
        assertThat(view.rows()).extracting(r -> r.figures().listingsRemoved()).containsExactly(100L, 7L);
    }

    @Test
    void yearOverYear_calendarBasis_countsFigure_inYearOfPeriodEnd() {
        var fixtures = founded()
                .add(ngoBatch("ends-new-years-eve", LocalDate.of(2018, 6, 1), LocalDate.of(2018, 12, 31), 100))
                .add(ngoBatch("ends-new-years-day", LocalDate.of(2018, 6, 1), LocalDate.of(2019, 1, 1), 7))
                .add(arrests("arrests-eve", LocalDate.of(2018, 12, 31), 3))
                .add(arrests("arrests-day", LocalDate.of(2019, 1, 1), 5));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.CALENDAR_YEAR);

        assertThat(view.rows()).extracting(YearRow::label).containsExactly("2018", "2019");
        assertThat(view.rows()).extracting(r -> r.figures().listingsRemoved()).containsExactly(100L, 7L);
        assertThat(view.rows()).extracting(r -> r.figures().arrests()).containsExactly(3L, 5L);
    }

    @Test
    void yearOverYear_ignoresRecordedAt_whenBucketing() {
        // Recorded two years after the business date, in another calendar and coalition year.
        var late = founded().at(Instant.parse("2021-01-15T00:00:00Z"))
                .add(ngoBatch("late", LocalDate.of(2018, 4, 1), LocalDate.of(2018, 12, 1), 42))
                .add(arrests("late-arrests", LocalDate.of(2018, 12, 1), 9));
        var prompt = founded().at(Instant.parse("2018-12-02T00:00:00Z"))
                .add(ngoBatch("late", LocalDate.of(2018, 4, 1), LocalDate.of(2018, 12, 1), 42))
                .add(arrests("late-arrests", LocalDate.of(2018, 12, 1), 9));

        for (YearBasis basis : YearBasis.values()) {
            YearOverYearView view = fold(late).yearOverYear(basis);
            assertThat(view.rows()).hasSize(1);
            assertThat(view.rows().get(0).figures().listingsRemoved()).isEqualTo(42);
            assertThat(view.rows().get(0).figures().arrests()).isEqualTo(9);
            assertThat(view).isEqualTo(fold(prompt).yearOverYear(basis));
        }
    }

    @Test
    void yearOverYear_correction_restatesRow_andIsListedInRestatements() {
        var fixtures = firstYear()
                .add(new TakedownBatchCorrectedEvent(CEWTO, "batch-2019-cn", 1_000_000, 10_500_000, 350_000,
                        "report's annex gives 10.5 million ads"));
        Instant correctedAt = fixtures.entries().get(fixtures.entries().size() - 1).recordedAt();
        CoalitionLedgerFold fold = fold(fixtures);

        YearRow row = fold.yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);
        assertThat(row.figures().adsBlocked()).isEqualTo(10_500_000L);
        assertThat(row.figures().listingsRemoved()).isEqualTo(1_000_000L);
        assertThat(row.restated()).isTrue();
        assertThat(row.restatedFigures()).containsExactly(FigureName.ADS_BLOCKED);
        assertThat(row.restatedRecordIds()).containsExactly("batch-2019-cn");
        assertThat(row.byReporter().get("NGO:" + NGO_REPORT).adsBlocked()).isEqualTo(10_500_000L);

        assertThat(fold.restatements()).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo("batch-2019-cn");
            assertThat(r.kind()).isEqualTo(RecordKind.TAKEDOWN_BATCH);
            assertThat(r.type()).isEqualTo(RestatementType.CORRECTION);
            assertThat(r.businessDate()).isEqualTo(FIRST_ANNIVERSARY_EVE);
            assertThat(r.before().adsBlocked()).isEqualTo(10_000_000L);
            assertThat(r.after().adsBlocked()).isEqualTo(10_500_000L);
            assertThat(r.after().listingsRemoved()).isEqualTo(1_000_000L);
            assertThat(r.reason()).isEqualTo("report's annex gives 10.5 million ads");
            assertThat(r.actor()).isEqualTo("admin@cewto");
            assertThat(r.recordedAt()).isEqualTo(correctedAt);
        });
    }

    @Test
    void yearOverYear_confiscationCorrection_revaluesUsd_andMarksOnlyUsd() {
        var fixtures = firstYear()
                .add(new ConfiscationRecordCorrectedEvent(CEWTO, "confiscation-2019-cn", new BigDecimal("18000000.00"),
                        new BigDecimal("6.7000"), FIRST_ANNIVERSARY_EVE, "other source", "rate of the day"));
        CoalitionLedgerFold fold = fold(fixtures);

        YearRow row = fold.yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);
        assertThat(row.figures().confiscatedUsd()).isEqualTo(new BigDecimal("2686567.16"));
        assertThat(row.figures().confiscatedByCurrency()).containsEntry("CNY", new BigDecimal("18000000.00"));
        assertThat(row.restatedFigures()).containsExactly(FigureName.CONFISCATED_USD);
        RestatementView r = fold.restatements().get(0);
        assertThat(r.before().usdValue()).isEqualTo(new BigDecimal("2678491.71"));
        assertThat(r.after().usdValue()).isEqualTo(new BigDecimal("2686567.16"));
        assertThat(r.after().currency()).isEqualTo("CNY");
    }

    @Test
    void yearOverYear_retraction_removesFigures_andMarksRowRestated() {
        var fixtures = firstYear()
                .add(new RecordRetractedEvent(CEWTO, "arrests-2019-cn", "double-counted with another report"));
        CoalitionLedgerFold fold = fold(fixtures);

        YearRow row = fold.yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);
        assertThat(row.figures().arrests()).isZero();
        assertThat(row.figures().listingsRemoved()).isEqualTo(1_000_000L);
        assertThat(row.cumulative().arrests()).isZero();
        assertThat(row.restated()).isTrue();
        assertThat(row.restatedFigures()).containsExactly(FigureName.ARRESTS);
        assertThat(fold.restatements()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(RestatementType.RETRACTION);
            assertThat(r.kind()).isEqualTo(RecordKind.ARREST);
            assertThat(r.before().arrests()).isEqualTo(129L);
            assertThat(r.after()).isNull();
        });
    }

    @Test
    void yearOverYear_yearEmptiedByRetraction_stillShows_asRestated() {
        var fixtures = founded()
                .add(arrests("later", LocalDate.of(2020, 5, 1), 4))
                .add(new RecordRetractedEvent(CEWTO, "later", "wrong coalition"));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.rows()).extracting(YearRow::label)
                .containsExactly(FIRST_YEAR, "2019-03-07/2020-03-06", "2020-03-07/2021-03-06");
        YearRow last = view.rows().get(2);
        assertThat(last.figures()).isEqualTo(Figures.ZERO);
        assertThat(last.restated()).isTrue();
        assertThat(view.rows().get(1).restated()).isFalse();
    }

    @Test
    void yearOverYear_cumulativeColumns_addUp() {
        var fixtures = firstYear()
                .add(ngoBatch("second-year", LocalDate.of(2019, 3, 7), LocalDate.of(2020, 3, 6), 500))
                .add(arrests("second-year-arrests", LocalDate.of(2019, 10, 1), 20))
                .add(confiscation("second-year-usd", LocalDate.of(2019, 10, 1), "1000.00", "USD", "1"))
                .add(confiscation("second-year-cny", LocalDate.of(2019, 10, 2), "100.00", "CNY", "7.0000"))
                .add(arrests("fourth-year-arrests", LocalDate.of(2021, 4, 1), 1));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.rows()).hasSize(4);
        Figures running = Figures.ZERO;
        for (YearRow row : view.rows()) {
            running = running.plus(row.figures());
            assertThat(row.cumulative()).isEqualTo(running);
        }
        Figures last = view.rows().get(3).cumulative();
        assertThat(last.listingsRemoved()).isEqualTo(1_000_500L);
        assertThat(last.arrests()).isEqualTo(150L);
        assertThat(last.confiscatedByCurrency()).containsExactly(
                Map.entry("CNY", new BigDecimal("18000100.00")), Map.entry("USD", new BigDecimal("1000.00")));
        // Each record valued at its own rate: 2678491.71 + 1000.00 + 14.29.
        assertThat(last.confiscatedUsd()).isEqualTo(new BigDecimal("2679506.00"));
        assertThat(view.rows().get(2).figures()).isEqualTo(Figures.ZERO);
        assertThat(view.rows().get(2).cumulative()).isEqualTo(view.rows().get(1).cumulative());
    }

    @Test
    void yearOverYear_membersAtYearEnd_accountForDepartures() {
        var fixtures = firstYear()
                .add(left("etsy", FIRST_ANNIVERSARY_EVE))               // last day as a member: 2019-03-05
                .add(left("ebay", LocalDate.of(2019, 3, 7)))            // still a member on 2019-03-06
                .add(left("sapo", LocalDate.of(2020, 1, 15)));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.rows()).extracting(YearRow::membersAtYearEnd).containsExactly(31L, 29L);
        assertThat(view.rows()).extracting(YearRow::left).containsExactly(1L, 2L);
        assertThat(view.rows()).extracting(YearRow::joined).containsExactly(32L, 0L);
        YearRow first = view.rows().get(0);
        assertThat(first.membersAtYearEnd()).isEqualTo(first.joined() - first.left());
    }

    @Test
    void yearOverYear_rejoinedMember_countsOncePerStint() {
        var fixtures = firstYear()
                .add(left("etsy", LocalDate.of(2018, 6, 1)))
                .add(joined("etsy", "Etsy", "US", "North America", "Technology", LocalDate.of(2018, 9, 1)));

        YearRow row = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);

        assertThat(row.membersAtYearEnd()).isEqualTo(32);
        assertThat(row.joined()).isEqualTo(33);
        assertThat(row.left()).isEqualTo(1);
    }

    @Test
    void yearOverYear_breakdowns_sumToTotals() {
        var fixtures = firstYear()
                .add(batch("alibaba-q4", ReporterType.MEMBER, "alibaba", "Alibaba", LocalDate.of(2018, 10, 1),
                        LocalDate.of(2018, 12, 31), 300, 40, 5, List.of("ivory")))
                .add(batch("ebay-q4", ReporterType.MEMBER, "ebay", null, LocalDate.of(2018, 10, 1),
                        LocalDate.of(2018, 12, 31), 20, 0, 1, List.of("pangolin")))
                .add(batch("undisclosed-q4", ReporterType.MEMBER, "undisclosed-1", null, LocalDate.of(2019, 3, 6),
                        LocalDate.of(2019, 3, 6), 7, 0, 0, List.of("ivory")))
                .add(batch("customs", ReporterType.AGENCY, null, "GACC", LocalDate.of(2018, 10, 1),
                        LocalDate.of(2018, 12, 31), 1, 1, 1, List.of("rhino horn")));

        YearRow row = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);

        TakedownFigures total = row.figures().takedowns();
        assertThat(total).isEqualTo(new TakedownFigures(1_000_328, 10_000_041, 350_007));
        for (Map<String, TakedownFigures> breakdown : List.of(row.byReporter(), row.byRegion(), row.bySector(),
                row.byCategory())) {
            assertThat(breakdown.values().stream().reduce(TakedownFigures.ZERO, TakedownFigures::plus))
                    .isEqualTo(total);
        }
        assertThat(row.byReporter()).containsOnlyKeys("MEMBER:alibaba", "MEMBER:ebay", "MEMBER:undisclosed-1",
                "AGENCY:GACC", "NGO:" + NGO_REPORT);
        assertThat(row.byRegion()).containsExactly(
                Map.entry("(not a member)", new TakedownFigures(1_000_001, 10_000_001, 350_001)),
                Map.entry("(undisclosed)", new TakedownFigures(7, 0, 0)),
                Map.entry("Asia", new TakedownFigures(300, 40, 5)),
                Map.entry("North America", new TakedownFigures(20, 0, 1)));
        assertThat(row.bySector()).containsOnlyKeys("(not a member)", "(undisclosed)", "Technology");
        assertThat(row.byCategory().get("ivory")).isEqualTo(new TakedownFigures(307, 40, 5));
    }

    @Test
    void yearOverYear_batchInSeveralCategories_countsFullyUnderEach() {
        var fixtures = founded().add(batch("multi", ReporterType.NGO, null, NGO_REPORT, FOUNDED_ON,
                FOUNDED_ON, 10, 0, 0, List.of("pangolin", "ivory")));

        YearRow row = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR).rows().get(0);

        assertThat(row.byCategory()).containsExactly(
                Map.entry("ivory", new TakedownFigures(10, 0, 0)),
                Map.entry("pangolin", new TakedownFigures(10, 0, 0)));
        assertThat(row.figures().listingsRemoved()).isEqualTo(10);
    }

    @Test
    void yearOverYear_arrestCorrection_restatesOnlyItsYear() {
        var fixtures = firstYear()
                .add(arrests("second-year-arrests", LocalDate.of(2019, 10, 1), 20))
                .add(new ArrestRecordCorrectedEvent(CEWTO, "second-year-arrests", 25, "final count"));

        YearOverYearView view = fold(fixtures).yearOverYear(YearBasis.COALITION_YEAR);

        assertThat(view.rows()).extracting(YearRow::restated).containsExactly(false, true);
        assertThat(view.rows().get(1).figures().arrests()).isEqualTo(25);
        assertThat(view.rows().get(1).cumulative().arrests()).isEqualTo(154);
    }

    @Test
    void yearOverYear_leapDayFounding_yearsTileWithoutGaps() {
        var scheme = new YearScheme(YearBasis.COALITION_YEAR, LocalDate.of(2020, 2, 29));

        LocalDate first = scheme.startOf(LocalDate.of(2020, 2, 29));
        LocalDate second = scheme.next(first);

        assertThat(first).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(scheme.endOf(first)).isEqualTo(LocalDate.of(2021, 2, 27));
        assertThat(second).isEqualTo(LocalDate.of(2021, 2, 28));
        assertThat(scheme.startOf(LocalDate.of(2021, 2, 27))).isEqualTo(first);
        assertThat(scheme.startOf(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(scheme.startOf(LocalDate.of(2024, 2, 28))).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThat(scheme.label(first)).isEqualTo("2020-02-29/2021-02-27");
    }
}
