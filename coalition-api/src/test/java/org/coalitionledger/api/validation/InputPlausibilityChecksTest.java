package org.coalitionledger.api.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.error.CoalitionErrorCode.DEADLINE_BEYOND_HORIZON;
import static org.coalitionledger.api.error.CoalitionErrorCode.IMPLAUSIBLE_DATE;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT;
import static org.coalitionledger.api.error.CoalitionErrorCode.MISSING_FIELD;
import static org.coalitionledger.api.error.CoalitionErrorCode.NUMBER_OUT_OF_RANGE;
import static org.coalitionledger.api.validation.ShapeAssertions.assertRejected;

/** The checks that keep implausible input out: texts, decimals written to cost, business dates. */
class InputPlausibilityChecksTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    // ---- texts ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\u202Egnp.exe", "name\u0000", "tab\there", "line\nbreak", "del\u007F", "c1\u0085",
            "\u202Aembedded", "\u202Doverride", "\u2066isolate\u2069"})
    void text_rejectsControlAndBidiCharacters(String value) {
        assertRejected(() -> Checks.text(value, "name", 200), INVALID_TEXT).hasMessageStartingWith("name holds a");
    }

    @Test
    void text_rejectsLoneSurrogates_inAnyPosition() {
        assertRejected(() -> Checks.text("\ud800", "region", 200), INVALID_TEXT)
                .hasMessage("region holds a lone surrogate at position 0");
        assertRejected(() -> Checks.text("a\udc00b", "region", 200), INVALID_TEXT);
        assertRejected(() -> Checks.text("ab\ud83d", "region", 200), INVALID_TEXT);
    }

    @Test
    void text_rejectsNonNfcForms_andAcceptsComposedTextAndPairedSurrogates() {
        assertRejected(() -> Checks.text("Cafe\u0301", "name", 200), INVALID_TEXT)
                .hasMessage("name is not in Unicode normal form NFC");
        assertThat(Checks.text("Caf\u00e9 \ud83d\udc18 \u0627\u200f", "name", 200))
                .isEqualTo("Caf\u00e9 \ud83d\udc18 \u0627\u200f");
        assertThat(Checks.optionalText(null, "note", 10)).isNull();
        assertRejected(() -> Checks.optionalText("x\u0000", "note", 10), INVALID_TEXT);
    }

    // ---- decimals ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1e30000000", "1e-30000000", "1e41", "1e-41", "12345678901234567890123456789012345678901"})
    void writable_rejectsNumbersNoFigureCanHave(String value) {
        assertRejected(() -> Checks.writable(new BigDecimal(value), "amount"), NUMBER_OUT_OF_RANGE)
                .hasMessageStartingWith("amount must be written with at most 40 digits");
    }

    @Test
    void writable_acceptsOrdinaryFigures_andEveryDecimalCheckRunsItFirst() {
        assertThat(Checks.writable(new BigDecimal("18000000.00"), "amount")).isEqualByComparingTo("18000000");
        assertThat(Checks.writable(new BigDecimal("1e40"), "amount")).isEqualByComparingTo("1e40");
        assertRejected(() -> Checks.writable(null, "amount"), MISSING_FIELD);
        assertRejected(() -> Checks.positiveAmount(new BigDecimal("1e30000000"), Currency.getInstance("CNY"),
                "amount"), NUMBER_OUT_OF_RANGE);
        assertRejected(() -> Checks.positiveRate(new BigDecimal("1e-30000000"), "usdRate"), NUMBER_OUT_OF_RANGE);
    }

    @Test
    void boundedCount_rejectsAnAbsentCount() {
        assertRejected(() -> Checks.boundedCount((Long) null, "adsBlocked"), MISSING_FIELD)
                .hasMessage("adsBlocked is required");
        assertThat(Checks.boundedCount(Long.valueOf(7), "adsBlocked")).isEqualTo(7);
    }

    // ---- dates ---------------------------------------------------------------------------------------------

    @Test
    void factDate_acceptsUpToTomorrow_andRefusesLaterOrBefore1900() {
        Checks.factDate(TODAY, "date", TODAY);
        Checks.factDate(TODAY.plusDays(1), "date", TODAY);
        Checks.factDate(LocalDate.of(1900, 1, 1), "date", TODAY);
        assertRejected(() -> Checks.factDate(TODAY.plusDays(2), "leftOn", TODAY), IMPLAUSIBLE_DATE)
                .hasMessageStartingWith("leftOn 2026-12-05 must lie between 1900-01-01 and 2026-12-04");
        assertRejected(() -> Checks.factDate(LocalDate.of(9999, 12, 31), "leftOn", TODAY), IMPLAUSIBLE_DATE);
        assertRejected(() -> Checks.factDate(LocalDate.MAX, "leftOn", TODAY), IMPLAUSIBLE_DATE);
        assertRejected(() -> Checks.factDate(LocalDate.of(1899, 12, 31), "foundedOn", TODAY), IMPLAUSIBLE_DATE);
    }

    @Test
    void deadline_acceptsUpToThirtyYears_andRefusesBeyond() {
        Checks.deadline(TODAY.plusYears(30), "goal.deadline", TODAY);
        assertRejected(() -> Checks.deadline(TODAY.plusYears(30).plusDays(1), "goal.deadline", TODAY),
                DEADLINE_BEYOND_HORIZON).hasMessage("goal.deadline 2056-12-04 is after 2056-12-03 (30 years from today)");
        assertRejected(() -> Checks.deadline(LocalDate.MAX, "goal.deadline", TODAY), DEADLINE_BEYOND_HORIZON);
    }

    @Test
    void plausibleDates_checksEveryStatedDate_andSkipsAbsentOnes() {
        BusinessDates dated = new BusinessDates() {
            @Override
            public Map<String, LocalDate> factDates() {
                return BusinessDates.named("periodStart", TODAY, "rateDate", null, "periodEnd", TODAY.plusDays(9));
            }

            @Override
            public Map<String, LocalDate> deadlines() {
                return BusinessDates.named("goal.deadline", TODAY);
            }
        };
        assertRejected(() -> Checks.plausibleDates(dated, TODAY), IMPLAUSIBLE_DATE).hasMessageStartingWith("periodEnd");
        assertThat(dated.factDates()).containsOnlyKeys("periodStart", "periodEnd");
    }
}
