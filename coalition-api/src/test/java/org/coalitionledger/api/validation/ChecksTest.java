package org.coalitionledger.api.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_AMOUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNTRY;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_CURRENCY;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_ID;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT;
import static org.coalitionledger.api.error.CoalitionErrorCode.MISSING_FIELD;
import static org.coalitionledger.api.validation.ShapeAssertions.assertRejected;

class ChecksTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Currency JPY = Currency.getInstance("JPY");

    // ---- required / id -------------------------------------------------------------------------------------

    @Test
    void required_rejectsNull_andReturnsTheValue() {
        assertRejected(() -> Checks.required(null, "foundedOn"), MISSING_FIELD).hasMessage("foundedOn is required");
        assertThat(Checks.required("x", "f")).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cewto", "a", "0", "b-1", "batch_2019.03", "9lives"})
    void id_accepts(String id) {
        assertThat(Checks.id(id, "recordId")).isEqualTo(id);
    }

    @Test
    void id_acceptsSixtyFourCharacters() {
        String id = "a".repeat(64);
        assertThat(Checks.id(id, "recordId")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  cewto", "cewto ", "Cewto", "CEWTO", "record:b-1", "a:b", "a b", "a/b", "a@b",
            "-abc", "_abc", ".abc", "caf\u00e9", "a\nb"})
    void id_rejectsBadIds(String id) {
        assertRejected(() -> Checks.id(id, "recordId"), INVALID_ID).hasMessageStartingWith("recordId must match");
    }

    @Test
    void id_rejectsSixtyFiveCharacters() {
        assertRejected(() -> Checks.id("a".repeat(65), "memberId"), INVALID_ID).hasMessageContaining("memberId");
    }

    @Test
    void id_rejectsNullAsMissing() {
        assertRejected(() -> Checks.id(null, "coalitionId"), MISSING_FIELD).hasMessage("coalitionId is required");
    }

    // ---- text / optionalText / texts -----------------------------------------------------------------------

    @Test
    void text_stripsAndAcceptsUpToTheLimit() {
        assertThat(Checks.text("  WWF \n", "name", 200)).isEqualTo("WWF");
        assertThat(Checks.text("x".repeat(200), "name", 200)).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void text_rejectsBlank(String blank) {
        assertRejected(() -> Checks.text(blank, "name", 200), INVALID_TEXT).hasMessage("name must not be blank");
    }

    @Test
    void text_rejectsTooLong() {
        assertRejected(() -> Checks.text("x".repeat(201), "name", 200), INVALID_TEXT)
                .hasMessage("name must be at most 200 characters");
    }

    @Test
    void text_rejectsNullAsMissing() {
        assertRejected(() -> Checks.text(null, "scope", 200), MISSING_FIELD).hasMessage("scope is required");
    }

    @Test
    void optionalText_acceptsNull_butNotBlank() {
        assertThat(Checks.optionalText(null, "note", 1000)).isNull();
        assertThat(Checks.optionalText(" a note ", "note", 1000)).isEqualTo("a note");
        assertRejected(() -> Checks.optionalText(" ", "note", 1000), INVALID_TEXT);
        assertRejected(() -> Checks.optionalText("x".repeat(1001), "note", 1000), INVALID_TEXT);
    }

    @Test
    void texts_stripsEveryEntry() {
        assertThat(Checks.texts(List.of(" WWF", "TRAFFIC "), "convenors", 200)).containsExactly("WWF", "TRAFFIC");
        assertThat(Checks.texts(List.of(), "convenors", 200)).isEmpty();
    }

    @Test
    void texts_rejectsMissingList_blankOrMissingEntry_andTooManyEntries() {
        assertRejected(() -> Checks.texts(null, "convenors", 200), MISSING_FIELD);
        assertRejected(() -> Checks.texts(List.of("WWF", " "), "convenors", 200), INVALID_TEXT)
                .hasMessageContaining("convenors entry");
        List<String> withNull = new ArrayList<>(List.of("WWF"));
        withNull.add(null);
        assertRejected(() -> Checks.texts(withNull, "convenors", 200), MISSING_FIELD);
        assertRejected(() -> Checks.texts(List.of("x".repeat(201)), "convenors", 200), INVALID_TEXT);
        assertThat(Checks.texts(Collections.nCopies(Checks.MAX_LIST, "c"), "categories", 200)).hasSize(100);
        assertRejected(() -> Checks.texts(Collections.nCopies(Checks.MAX_LIST + 1, "c"), "categories", 200),
                INVALID_TEXT).hasMessage("categories must have at most 100 entries");
    }

    // ---- counts --------------------------------------------------------------------------------------------

    @Test
    void countBound_keepsEverySumExact_forBillionsOfRecords() {
        // Every count is 0..MAX_COUNT, so this many records at the cap still sum to at most the largest long.
        assertThat(Math.multiplyExact(Checks.RECORDS_BEFORE_A_SUM_COULD_OVERFLOW, Checks.MAX_COUNT))
                .isLessThanOrEqualTo(Long.MAX_VALUE);
        assertThat(Checks.RECORDS_BEFORE_A_SUM_COULD_OVERFLOW).isGreaterThan(9_000_000_000L);
    }

    @Test
    void boundedCount_acceptsZeroToMax() {
        assertThat(Checks.boundedCount(0, "count")).isZero();
        assertThat(Checks.boundedCount(Checks.MAX_COUNT, "count")).isEqualTo(1_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, 1_000_000_000_001L, Long.MAX_VALUE})
    void boundedCount_rejectsNegativeAndTooLarge(long value) {
        assertRejected(() -> Checks.boundedCount(value, "listingsRemoved"), INVALID_COUNT)
                .hasMessageStartingWith("listingsRemoved must be between 0 and");
    }

    // ---- countries and currencies --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"CN", "US", "JP", "GB", "VN"})
    void isoCountry_accepts(String country) {
        assertThat(Checks.isoCountry(country, "country")).isEqualTo(country);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "cn", "Cn", "CHN", "C", "", " CN", "UK"})
    void isoCountry_rejects(String country) {
        assertRejected(() -> Checks.isoCountry(country, "jurisdiction"), INVALID_COUNTRY)
                .hasMessageContaining("jurisdiction must be an ISO 3166-1 alpha-2 code");
    }

    @Test
    void isoCountry_rejectsNullAsMissing() {
        assertRejected(() -> Checks.isoCountry(null, "country"), MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CNY", "USD", "JPY", "EUR", "VND", "KWD"})
    void isoCurrency_accepts(String code) {
        assertThat(Checks.isoCurrency(code, "currency").getCurrencyCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC", "cny", "CN", "YUAN", ""})
    void isoCurrency_rejectsUnknownCodes(String code) {
        assertRejected(() -> Checks.isoCurrency(code, "currency"), INVALID_CURRENCY)
                .hasMessageContaining("must be an ISO 4217 currency code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XDR"})
    void isoCurrency_rejectsCodesThatNameNoMoney(String code) {
        assertRejected(() -> Checks.isoCurrency(code, "currency"), INVALID_CURRENCY)
                .hasMessage("currency '" + code + "' is not a currency");
    }

    @Test
    void isoCurrency_rejectsNullAsMissing() {
        assertRejected(() -> Checks.isoCurrency(null, "currency"), MISSING_FIELD);
    }

    // ---- amounts and rates ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "18000000.00", "18000000.5", "18000000", "1E+3", "999999999999999999.99"})
    void positiveAmount_acceptsUpToTwoDecimalsForCny_atTheCurrencyScale(String amount) {
        BigDecimal accepted = Checks.positiveAmount(new BigDecimal(amount), CNY, "amount");
        assertThat(accepted).isEqualByComparingTo(new BigDecimal(amount));
        assertThat(accepted.scale()).isEqualTo(2); // one amount, one recorded form: 18000000 is 18000000.00
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "-0.01"})
    void positiveAmount_rejectsNonPositive(String amount) {
        assertRejected(() -> Checks.positiveAmount(new BigDecimal(amount), CNY, "amount"), INVALID_AMOUNT)
                .hasMessage("amount must be greater than 0");
    }

    @Test
    void positiveAmount_rejectsMoreDecimalsThanTheCurrencyHas() {
        assertRejected(() -> Checks.positiveAmount(new BigDecimal("1.005"), CNY, "amount"), INVALID_AMOUNT)
                .hasMessageContaining("at most 2 decimals for CNY");
        assertThat(Checks.positiveAmount(new BigDecimal("5000000"), JPY, "amount")).isEqualTo(new BigDecimal("5000000"));
        assertRejected(() -> Checks.positiveAmount(new BigDecimal("5000000.5"), JPY, "amount"), INVALID_AMOUNT)
                .hasMessageContaining("at most 0 decimals for JPY");
    }

    @Test
    void positiveAmount_rejectsMoreThanTwentyDigits() {
        assertThat(Checks.positiveAmount(new BigDecimal("12345678901234567890"), JPY, "amount")).isNotNull();
        assertRejected(() -> Checks.positiveAmount(new BigDecimal("123456789012345678901"), JPY, "amount"),
                INVALID_AMOUNT).hasMessageContaining("at most 20 digits");
    }

    /** 1E+25 is a 26-digit amount although its {@code precision()} is 1. */
    @Test
    void positiveAmount_rejectsMoreThanTwentyDigitsWrittenWithAnExponent() {
        assertRejected(() -> Checks.positiveAmount(new BigDecimal("1E+25"), JPY, "amount"), INVALID_AMOUNT)
                .hasMessageContaining("at most 20 digits");
    }

    @Test
    void positiveAmount_rejectsNullAsMissing() {
        assertRejected(() -> Checks.positiveAmount(null, CNY, "amount"), MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.7202", "1", "0.00000001", "110.45", "12345678901.23456789"})
    void positiveRate_accepts(String rate) {
        assertThat(Checks.positiveRate(new BigDecimal(rate), "usdRate")).isEqualTo(new BigDecimal(rate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-6.7202", "0.000000001", "6.720200001", "1234567890123.45678901"})
    void positiveRate_rejectsNonPositiveOrTooPrecise(String rate) {
        assertRejected(() -> Checks.positiveRate(new BigDecimal(rate), "usdRate"), INVALID_AMOUNT)
                .hasMessageStartingWith("usdRate must");
    }

    @Test
    void positiveRate_rejectsMoreThanTwentyDigitsWrittenWithAnExponent() {
        assertRejected(() -> Checks.positiveRate(new BigDecimal("1E+25"), "usdRate"), INVALID_AMOUNT)
                .hasMessageContaining("20 digits");
    }

    @Test
    void positiveRate_rejectsNullAsMissing() {
        assertRejected(() -> Checks.positiveRate(null, "usdRate"), MISSING_FIELD);
    }

    // ---- periods -------------------------------------------------------------------------------------------

    @Test
    void period_acceptsOneDayAndLonger() {
        Checks.period(LocalDate.of(2019, 3, 7), LocalDate.of(2019, 3, 7));
        Checks.period(LocalDate.of(2019, 3, 7), LocalDate.of(2020, 3, 6));
    }

    @Test
    void period_rejectsStartAfterEnd() {
        assertRejected(() -> Checks.period(LocalDate.of(2019, 3, 8), LocalDate.of(2019, 3, 7)), INVALID_PERIOD)
                .hasMessage("periodStart 2019-03-08 is after periodEnd 2019-03-07");
    }

    @Test
    void period_rejectsMissingEnds() {
        assertRejected(() -> Checks.period(null, LocalDate.of(2019, 3, 7)), MISSING_FIELD)
                .hasMessage("periodStart is required");
        assertRejected(() -> Checks.period(LocalDate.of(2019, 3, 7), null), MISSING_FIELD)
                .hasMessage("periodEnd is required");
    }
}
