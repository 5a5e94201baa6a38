package org.coalitionledger.api.reporting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.api.error.CoalitionErrorCode.ALL_FIGURES_ZERO;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_AMOUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNT;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_COUNTRY;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_CURRENCY;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_ID;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_REPORTER;
import static org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT;
import static org.coalitionledger.api.error.CoalitionErrorCode.MISSING_FIELD;
import static org.coalitionledger.api.validation.ShapeAssertions.assertRejected;

/** The compact-constructor rules of the reporting commands. */
class CommandShapeTest {

    static final LocalDate START = LocalDate.of(2019, 3, 7);
    static final LocalDate END = LocalDate.of(2020, 3, 6);
    static final Reporter BAIDU = new Reporter(ReporterType.MEMBER, "baidu", null);

    static RecordTakedownBatchCommand takedown(String batchId, LocalDate start, LocalDate end, long listings,
                                               long ads, long accounts) {
        return new RecordTakedownBatchCommand("cewto", batchId, BAIDU, start, end, listings, ads, accounts,
                List.of("ivory"), "China-based members", "https://example.org/r");
    }

    static RecordTakedownBatchCommand takedown(long listings, long ads, long accounts) {
        return takedown("b-1", START, END, listings, ads, accounts);
    }

    static RecordArrestCommand arrest(long count, String jurisdiction) {
        return new RecordArrestCommand("cewto", "a-1", START, count, jurisdiction, "Forest Police", "China",
                "https://example.org/a");
    }

    static RecordConfiscationCommand confiscation(String amount, String currency, String rate) {
        return new RecordConfiscationCommand("cewto", "c-1", START, amount == null ? null : new BigDecimal(amount),
                currency, rate == null ? null : new BigDecimal(rate), START, "People's Bank of China", "CN", "China",
                "https://example.org/c");
    }

    static CorrectRecordCommand correctCount(Long count) {
        return new CorrectRecordCommand("cewto", "a-1", null, null, null, count, null, null, null, null, "recount");
    }

    static CorrectRecordCommand correctAmount(String amount, String rate) {
        return new CorrectRecordCommand("cewto", "c-1", null, null, null, null,
                amount == null ? null : new BigDecimal(amount), rate == null ? null : new BigDecimal(rate), null,
                null, "restated");
    }

    // ---- Reporter ------------------------------------------------------------------------------------------

    @Test
    void reporter_accepted_forMemberWithOrWithoutName() {
        assertThat(BAIDU.name()).isNull();
        assertThat(new Reporter(ReporterType.MEMBER, "baidu", " Baidu ").name()).isEqualTo("Baidu");
    }

    @ParameterizedTest
    @EnumSource(value = ReporterType.class, names = {"NGO", "AGENCY"})
    void reporter_accepted_forNamedNgoOrAgency(ReporterType type) {
        assertThat(new Reporter(type, null, " WWF ").name()).isEqualTo("WWF");
    }

    @Test
    void reporter_rejected_forMemberWithoutValidMemberId() {
        assertRejected(() -> new Reporter(ReporterType.MEMBER, null, "Baidu"), MISSING_FIELD)
                .hasMessage("reporter.memberId is required");
        assertRejected(() -> new Reporter(ReporterType.MEMBER, "Baidu", null), INVALID_ID);
        assertRejected(() -> new Reporter(ReporterType.MEMBER, "baidu", " "), INVALID_TEXT);
    }

    @ParameterizedTest
    @EnumSource(value = ReporterType.class, names = {"NGO", "AGENCY"})
    void reporter_rejected_forNgoOrAgencyWithMemberId(ReporterType type) {
        assertRejected(() -> new Reporter(type, "wwf", "WWF"), INVALID_REPORTER)
                .hasMessage("a " + type + " reporter is named, not given a memberId");
    }

    @ParameterizedTest
    @EnumSource(value = ReporterType.class, names = {"NGO", "AGENCY"})
    void reporter_rejected_forNgoOrAgencyWithoutName(ReporterType type) {
        assertRejected(() -> new Reporter(type, null, null), MISSING_FIELD).hasMessage("reporter.name is required");
        assertRejected(() -> new Reporter(type, null, "  "), INVALID_TEXT);
        assertRejected(() -> new Reporter(type, null, "n".repeat(201)), INVALID_TEXT);
    }

    @Test
    void reporter_rejected_withoutType() {
        assertRejected(() -> new Reporter(null, "baidu", null), MISSING_FIELD).hasMessage("reporter.type is required");
    }

    // ---- RecordTakedownBatchCommand ------------------------------------------------------------------------

    @Test
    void takedown_accepted_andAddressedToTheRecordStream() {
        RecordTakedownBatchCommand c = takedown(1000, 0, 0);
        assertThat(c.recordAggregateId()).isEqualTo("record:cewto:b-1");
        assertThat(takedown("b-2", START, START, 0, 0, 1).periodEnd()).isEqualTo(START);
        assertThat(new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 0L, 0L, null, "s", "u")
                .categories()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "B-1", "b 1", "record:b-1", "b:1", "_b"})
    void takedown_rejected_forBadBatchId(String batchId) {
        assertRejected(() -> takedown(batchId, START, END, 1, 1, 1), INVALID_ID);
    }

    @Test
    void takedown_rejected_forTooLongBatchId() {
        assertThat(takedown("b".repeat(64), START, END, 1, 1, 1).batchId()).hasSize(64);
        assertRejected(() -> takedown("b".repeat(65), START, END, 1, 1, 1), INVALID_ID);
    }

    @Test
    void takedown_rejected_whenPeriodStartIsAfterEnd() {
        assertRejected(() -> takedown("b-1", END, START, 1, 1, 1), INVALID_PERIOD)
                .hasMessage("periodStart 2020-03-06 is after periodEnd 2019-03-07");
    }

    @Test
    void takedown_rejected_forMissingFields() {
        assertRejected(() -> new RecordTakedownBatchCommand(null, "b-1", BAIDU, START, END, 1L, 1L, 1L, null, "s", "u"),
                MISSING_FIELD);
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", null, BAIDU, START, END, 1L, 1L, 1L, null, "s",
                "u"), MISSING_FIELD);
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", null, START, END, 1L, 1L, 1L, null, "s",
                "u"), MISSING_FIELD).hasMessage("reporter is required");
        assertRejected(() -> takedown("b-1", null, END, 1, 1, 1), MISSING_FIELD).hasMessage("periodStart is required");
        assertRejected(() -> takedown("b-1", START, null, 1, 1, 1), MISSING_FIELD).hasMessage("periodEnd is required");
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L, null, null,
                "u"), MISSING_FIELD).hasMessage("scope is required");
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L, null, "s",
                null), MISSING_FIELD).hasMessage("source is required");
    }

    @Test
    void takedown_rejected_forBlankOrTooLongTexts() {
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L, null, " ",
                "u"), INVALID_TEXT);
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L, null,
                "s".repeat(201), "u"), INVALID_TEXT);
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L, null, "s",
                "u".repeat(1001)), INVALID_TEXT);
        assertRejected(() -> new RecordTakedownBatchCommand("cewto", "b-1", BAIDU, START, END, 1L, 1L, 1L,
                List.of("ivory", ""), "s", "u"), INVALID_TEXT);
    }

    @Test
    void takedown_rejected_forNegativeOrTooLargeCounts() {
        assertRejected(() -> takedown(-1, 1, 1), INVALID_COUNT).hasMessageStartingWith("listingsRemoved");
        assertRejected(() -> takedown(1, -1, 1), INVALID_COUNT).hasMessageStartingWith("adsBlocked");
        assertRejected(() -> takedown(1, 1, -1), INVALID_COUNT).hasMessageStartingWith("accountsRemoved");
        assertRejected(() -> takedown(1_000_000_001L, 0, 0), INVALID_COUNT);
        assertThat(takedown(1_000_000_000L, 0, 0).listingsRemoved()).isEqualTo(1_000_000_000L);
    }

    @Test
    void takedown_rejected_whenAllFiguresAreZero() {
        assertRejected(() -> takedown(0, 0, 0), ALL_FIGURES_ZERO)
                .hasMessage("listingsRemoved, adsBlocked and accountsRemoved are all 0: a batch must record something");
    }

    // ---- RecordArrestCommand -------------------------------------------------------------------------------

    @Test
    void arrest_accepted_andAddressedToTheRecordStream() {
        RecordArrestCommand c = arrest(5, "CN");
        assertThat(c.recordAggregateId()).isEqualTo("record:cewto:a-1");
        assertThat(arrest(1_000_000_000L, "VN").count()).isEqualTo(1_000_000_000L);
    }

    @Test
    void arrest_rejected_forZeroNegativeOrTooLargeCount() {
        assertRejected(() -> arrest(0, "CN"), ALL_FIGURES_ZERO)
                .hasMessage("count is 0: an arrest record must record something");
        assertRejected(() -> arrest(-1, "CN"), INVALID_COUNT);
        assertRejected(() -> arrest(1_000_000_001L, "CN"), INVALID_COUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "cn", "CHN", ""})
    void arrest_rejected_forBadJurisdiction(String jurisdiction) {
        assertRejected(() -> arrest(5, jurisdiction), INVALID_COUNTRY);
    }

    @Test
    void arrest_rejected_forBadFields() {
        assertRejected(() -> arrest(5, null), MISSING_FIELD);
        assertRejected(() -> new RecordArrestCommand("cewto", "A-1", START, 5L, "CN", "p", "s", "u"), INVALID_ID);
        assertRejected(() -> new RecordArrestCommand("cewto", "a-1", null, 5L, "CN", "p", "s", "u"), MISSING_FIELD)
                .hasMessage("date is required");
        assertRejected(() -> new RecordArrestCommand("cewto", "a-1", START, 5L, "CN", " ", "s", "u"), INVALID_TEXT);
        assertRejected(() -> new RecordArrestCommand("cewto", "a-1", START, 5L, "CN", "p", null, "u"), MISSING_FIELD);
        assertRejected(() -> new RecordArrestCommand("cewto", "a-1", START, 5L, "CN", "p", "s", ""), INVALID_TEXT);
    }

    // ---- RecordConfiscationCommand -------------------------------------------------------------------------

    @Test
    void confiscation_accepted_andAddressedToTheRecordStream() {
        RecordConfiscationCommand c = confiscation("18000000.00", "CNY", "6.7202");
        assertThat(c.recordAggregateId()).isEqualTo("record:cewto:c-1");
        assertThat(confiscation("0.01", "CNY", "0.00000001").amount()).isEqualByComparingTo("0.01");
        assertThat(confiscation("5000000", "JPY", "110.45").currency()).isEqualTo("JPY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "-18000000.00"})
    void confiscation_rejected_forNonPositiveAmount(String amount) {
        assertRejected(() -> confiscation(amount, "CNY", "6.7202"), INVALID_AMOUNT)
                .hasMessage("amount must be greater than 0");
    }

    @Test
    void confiscation_rejected_forMoreDecimalsThanTheCurrencyHas() {
        assertRejected(() -> confiscation("18000000.001", "CNY", "6.7202"), INVALID_AMOUNT)
                .hasMessageContaining("at most 2 decimals for CNY");
        assertRejected(() -> confiscation("5000000.5", "JPY", "110.45"), INVALID_AMOUNT)
                .hasMessageContaining("at most 0 decimals for JPY");
    }

    @Test
    void confiscation_rejected_forMoreThanTwentyDigits() {
        assertRejected(() -> confiscation("1234567890123456789.01", "CNY", "6.7202"), INVALID_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-6.7202", "6.720200001"})
    void confiscation_rejected_forNonPositiveOrTooPreciseRate(String rate) {
        assertRejected(() -> confiscation("100.00", "CNY", rate), INVALID_AMOUNT).hasMessageStartingWith("usdRate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC", "cny", "XXX", "XTS", "XAU", ""})
    void confiscation_rejected_forFakeCurrency(String currency) {
        assertRejected(() -> confiscation("100", currency, "6.7202"), INVALID_CURRENCY);
    }

    @Test
    void confiscation_rejected_forMissingFields() {
        assertRejected(() -> confiscation(null, "CNY", "6.7202"), MISSING_FIELD).hasMessage("amount is required");
        assertRejected(() -> confiscation("100", null, "6.7202"), MISSING_FIELD).hasMessage("currency is required");
        assertRejected(() -> confiscation("100", "CNY", null), MISSING_FIELD).hasMessage("usdRate is required");
        assertRejected(() -> new RecordConfiscationCommand("cewto", "c-1", START, BigDecimal.ONE, "CNY",
                BigDecimal.ONE, null, "PBoC", "CN", "s", "u"), MISSING_FIELD).hasMessage("rateDate is required");
        assertRejected(() -> new RecordConfiscationCommand("cewto", "c-1", START, BigDecimal.ONE, "CNY",
                BigDecimal.ONE, START, " ", "CN", "s", "u"), INVALID_TEXT);
        assertRejected(() -> new RecordConfiscationCommand("cewto", "c-1", START, BigDecimal.ONE, "CNY",
                BigDecimal.ONE, START, "PBoC", "XX", "s", "u"), INVALID_COUNTRY);
        assertRejected(() -> new RecordConfiscationCommand("cewto", "c-1", null, BigDecimal.ONE, "CNY",
                BigDecimal.ONE, START, "PBoC", "CN", "s", "u"), MISSING_FIELD).hasMessage("date is required");
    }

    // ---- CorrectRecordCommand ------------------------------------------------------------------------------

    @Test
    void correct_accepted_withAnyOneFigure_andAddressedToTheRecordStream() {
        assertThat(correctCount(6L).recordAggregateId()).isEqualTo("record:cewto:a-1");
        assertThat(correctCount(0L).count()).isZero(); // zero totals are judged by the aggregate
        assertThat(correctAmount("18000000.005", null).amount()).isEqualByComparingTo("18000000.005");
        assertThat(new CorrectRecordCommand("cewto", "c-1", null, null, null, null, null, null, START, null, "r")
                .rateDate()).isEqualTo(START);
        assertThat(new CorrectRecordCommand("cewto", "c-1", null, null, null, null, null, null, null, " SAFE ", "r")
                .rateSource()).isEqualTo("SAFE");
        assertThat(new CorrectRecordCommand("cewto", "b-1", 0L, 0L, 1L, null, null, null, null, null, " r ")
                .reason()).isEqualTo("r");
    }

    @Test
    void correct_rejected_withNoFigure() {
        assertRejected(() -> new CorrectRecordCommand("cewto", "b-1", null, null, null, null, null, null, null, null,
                "recount"), MISSING_FIELD).hasMessage("a correction must give at least one new figure");
    }

    @Test
    void correct_rejected_withoutReason() {
        assertRejected(() -> correctCountWithReason(null), MISSING_FIELD).hasMessage("reason is required");
        assertRejected(() -> correctCountWithReason(" "), INVALID_TEXT);
        assertRejected(() -> correctCountWithReason("r".repeat(1001)), INVALID_TEXT);
    }

    private static CorrectRecordCommand correctCountWithReason(String reason) {
        return new CorrectRecordCommand("cewto", "a-1", null, null, null, 6L, null, null, null, null, reason);
    }

    @Test
    void correct_rejected_forNegativeOrTooLargeCounts() {
        assertRejected(() -> new CorrectRecordCommand("cewto", "b-1", -1L, null, null, null, null, null, null, null,
                "r"), INVALID_COUNT);
        assertRejected(() -> new CorrectRecordCommand("cewto", "b-1", null, -1L, null, null, null, null, null, null,
                "r"), INVALID_COUNT);
        assertRejected(() -> new CorrectRecordCommand("cewto", "b-1", null, null, 1_000_000_001L, null, null,
                null, null, null, "r"), INVALID_COUNT);
        assertRejected(() -> correctCount(-1L), INVALID_COUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "123456789012345678901"})
    void correct_rejected_forNonPositiveOrTooLongAmount(String amount) {
        assertRejected(() -> correctAmount(amount, null), INVALID_AMOUNT);
    }

    /** 1E+25 is a 26-digit amount although its {@code precision()} is 1. */
    @Test
    void correct_rejected_forAmountOfMoreThanTwentyDigitsWrittenWithAnExponent() {
        assertRejected(() -> correctAmount("1E+25", null), INVALID_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-6.7", "6.720200001"})
    void correct_rejected_forBadRate(String rate) {
        assertRejected(() -> correctAmount(null, rate), INVALID_AMOUNT);
    }

    @Test
    void correct_rejected_forBadIdsOrBlankRateSource() {
        assertRejected(() -> new CorrectRecordCommand("cewto", "record:a-1", null, null, null, 6L, null, null, null,
                null, "r"), INVALID_ID);
        assertRejected(() -> new CorrectRecordCommand("CEWTO", "a-1", null, null, null, 6L, null, null, null, null,
                "r"), INVALID_ID);
        assertRejected(() -> new CorrectRecordCommand("cewto", "c-1", null, null, null, null, null, null, null, " ",
                "r"), INVALID_TEXT);
    }

    // ---- RetractRecordCommand ------------------------------------------------------------------------------

    @Test
    void retract_accepted_andAddressedToTheRecordStream() {
        RetractRecordCommand c = new RetractRecordCommand("cewto", "b-1", " duplicate ");
        assertThat(c.reason()).isEqualTo("duplicate");
        assertThat(c.recordAggregateId()).isEqualTo(RecordIds.aggregateId("cewto", "b-1"))
                .isEqualTo("record:cewto:b-1");
    }

    @Test
    void retract_rejected_forBadFields() {
        assertRejected(() -> new RetractRecordCommand("cewto", "B-1", "duplicate"), INVALID_ID);
        assertRejected(() -> new RetractRecordCommand("cewto", "a:b", "duplicate"), INVALID_ID);
        assertRejected(() -> new RetractRecordCommand(null, "b-1", "duplicate"), MISSING_FIELD);
        assertRejected(() -> new RetractRecordCommand("cewto", "b-1", null), MISSING_FIELD);
        assertRejected(() -> new RetractRecordCommand("cewto", "b-1", ""), INVALID_TEXT);
        assertRejected(() -> new RetractRecordCommand("cewto", "b-1", "r".repeat(1001)), INVALID_TEXT);
    }
}
