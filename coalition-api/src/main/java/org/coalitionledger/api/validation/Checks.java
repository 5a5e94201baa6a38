package org.coalitionledger.api.validation;

import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.error.InvalidCommandException;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shape checks shared by the command records. Each failure names the field and carries a typed code.
 * Limits are documented in the README's error catalogue; change them there too.
 */
public final class Checks {

    /** Client-supplied ids: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, 1..64 long. */
    public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 1000;
    public static final int MAX_LIST = 100;
    /**
     * Upper bound of any single count (a record's figure, a goal's baseline): a billion, a thousand times the listings
     * the whole coalition removed in its first year. It is what keeps every sum of counts exact: see
     * {@link #RECORDS_BEFORE_A_SUM_COULD_OVERFLOW}.
     */
    public static final long MAX_COUNT = 1_000_000_000L;
    /**
     * How many records one coalition would need, every one at {@link #MAX_COUNT} for the same figure, before a sum of
     * that figure (a year's, a breakdown's or the cumulative one) could pass the largest long: about 9.2 billion.
     * Counts are never negative, so no sum of fewer records can overflow; the ledger's documented horizon is far
     * below that (each record is at least one stored event). Sums are therefore never checked per command.
     */
    public static final long RECORDS_BEFORE_A_SUM_COULD_OVERFLOW = Long.MAX_VALUE / MAX_COUNT;
    public static final int MAX_AMOUNT_PRECISION = 20;
    public static final int MAX_RATE_SCALE = 8;
    /**
     * Bounds on how a decimal is written (digits of its unscaled value, and its exponent either way), checked before
     * any arithmetic: 1e30000000 is ten characters of JSON but thirty million digits once written out.
     */
    public static final int MAX_DECIMAL_DIGITS = 40;
    public static final int MAX_DECIMAL_EXPONENT = 40;
    /** Facts may be dated at most this many days after today (time zones and late evenings). */
    public static final int FACT_DATE_TOLERANCE_DAYS = 1;
    /** No fact of the ledger is older than this. */
    public static final LocalDate EARLIEST_FACT_DATE = LocalDate.of(1900, 1, 1);
    /** A goal deadline lies at most this many years after today. */
    public static final int GOAL_HORIZON_YEARS = 30;
    /** Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): they make text lie. */
    private static final String BIDI_CONTROLS = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** ISO 4217 codes that name no currency: testing, no currency, precious metals, SDR and unit-of-account codes. */
    private static final Set<String> NOT_MONEY = Set.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR",
            "XBA", "XBB", "XBC", "XBD", "XSU", "XUA");

    private Checks() {
    }

    public static InvalidCommandException invalid(CoalitionErrorCode code, String message) {
        return new InvalidCommandException(code, message);
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid(CoalitionErrorCode.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    public static String id(String value, String field) {
        required(value, field);
        if (!ID_PATTERN.matcher(value).matches()) {
            throw invalid(CoalitionErrorCode.INVALID_ID, field + " must match " + ID_PATTERN.pattern()
                    + " (lower-case letters, digits, '.', '_', '-'; 1 to 64 characters)");
        }
        return value;
    }

    public static String text(String value, String field, int maxLength) {
        required(value, field);
        if (value.isBlank()) {
            throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " must be at most " + maxLength + " characters");
        }
        String stripped = value.strip(); // surrounding white space is dropped, so only what is kept is checked
        plainText(stripped, field);
        return stripped;
    }

    /**
     * Refuses what a reader cannot see or what makes a text read otherwise than it is stored: control characters
     * (C0, DEL, C1; line breaks and tabs too, except around the text, where they are stripped), bidirectional controls, lone surrogates, and forms that are not
     * Unicode NFC (so one name has one spelling).
     */
    public static void plainText(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " holds a lone surrogate at position " + i);
            } else if (Character.isISOControl(ch)) {
                throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " holds a control character (U+"
                        + String.format("%04X", (int) ch) + ") at position " + i);
            } else if (BIDI_CONTROLS.indexOf(ch) >= 0) {
                throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " holds a bidirectional control (U+"
                        + String.format("%04X", (int) ch) + ") at position " + i);
            }
        }
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " is not in Unicode normal form NFC");
        }
    }

    public static String optionalText(String value, String field, int maxLength) {
        return value == null ? null : text(value, field, maxLength);
    }

    public static List<String> texts(List<String> values, String field, int maxLength) {
        required(values, field);
        if (values.size() > MAX_LIST) {
            throw invalid(CoalitionErrorCode.INVALID_TEXT, field + " must have at most " + MAX_LIST + " entries");
        }
        return values.stream().map(v -> text(v, field + " entry", maxLength)).toList();
    }

    /** A required count: absent is an error, never a silent 0. */
    public static long boundedCount(Long value, String field) {
        required(value, field);
        return boundedCount(value.longValue(), field);
    }

    public static long boundedCount(long value, String field) {
        if (value < 0 || value > MAX_COUNT) {
            throw invalid(CoalitionErrorCode.INVALID_COUNT, field + " must be between 0 and " + MAX_COUNT);
        }
        return value;
    }

    public static String isoCountry(String value, String field) {
        required(value, field);
        if (!COUNTRIES.contains(value)) {
            throw invalid(CoalitionErrorCode.INVALID_COUNTRY, field + " must be an ISO 3166-1 alpha-2 code, got '" + value + "'");
        }
        return value;
    }

    /** An ISO 4217 code of a real currency. */
    public static Currency isoCurrency(String value, String field) {
        required(value, field);
        Currency currency = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getCurrencyCode().equals(value)).findFirst()
                .orElseThrow(() -> invalid(CoalitionErrorCode.INVALID_CURRENCY,
                        field + " must be an ISO 4217 currency code, got '" + value + "'"));
        if (NOT_MONEY.contains(value)) {
            throw invalid(CoalitionErrorCode.INVALID_CURRENCY, field + " '" + value + "' is not a currency");
        }
        return currency;
    }

    /**
     * A positive amount with no more decimals than the currency has minor units, returned at exactly the currency's
     * scale (18000000.0 CNY becomes 18000000.00), so the same amount is always recorded the same way.
     */
    public static BigDecimal positiveAmount(BigDecimal value, Currency currency, String field) {
        writable(value, field);
        int maxScale = Math.max(currency.getDefaultFractionDigits(), 0);
        if (value.signum() <= 0) {
            throw invalid(CoalitionErrorCode.INVALID_AMOUNT, field + " must be greater than 0");
        }
        BigDecimal plain = withoutTrailingZeros(value);
        if (plain.scale() > maxScale || digits(plain) > MAX_AMOUNT_PRECISION) {
            throw invalid(CoalitionErrorCode.INVALID_AMOUNT, field + " must have at most " + maxScale
                    + " decimals for " + currency.getCurrencyCode() + " and at most " + MAX_AMOUNT_PRECISION + " digits");
        }
        return plain.setScale(maxScale);
    }

    /**
     * A required decimal whose digits and exponent are within {@link #MAX_DECIMAL_DIGITS} and
     * {@link #MAX_DECIMAL_EXPONENT}. Reads only the number's precision and scale (no arithmetic), so it is cheap
     * whatever the input; every other check on a decimal comes after it.
     */
    public static BigDecimal writable(BigDecimal value, String field) {
        required(value, field);
        int precision = value.precision();
        long exponent = (long) precision - value.scale() - 1; // the power of ten of the leading digit
        if (precision > MAX_DECIMAL_DIGITS || Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
            throw invalid(CoalitionErrorCode.NUMBER_OUT_OF_RANGE, field + " must be written with at most "
                    + MAX_DECIMAL_DIGITS + " digits and an exponent between -" + MAX_DECIMAL_EXPONENT + " and "
                    + MAX_DECIMAL_EXPONENT);
        }
        return value;
    }

    /** A fact's date: not before {@link #EARLIEST_FACT_DATE} and not after today plus the tolerance. */
    public static void factDate(LocalDate value, String field, LocalDate today) {
        LocalDate latest = today.plusDays(FACT_DATE_TOLERANCE_DAYS);
        if (value.isAfter(latest) || value.isBefore(EARLIEST_FACT_DATE)) {
            throw invalid(CoalitionErrorCode.IMPLAUSIBLE_DATE, field + " " + value + " must lie between "
                    + EARLIEST_FACT_DATE + " and " + latest + " (today plus " + FACT_DATE_TOLERANCE_DAYS
                    + " day): facts are recorded after they happen");
        }
    }

    /** A goal deadline: at most {@link #GOAL_HORIZON_YEARS} years after today. */
    public static void deadline(LocalDate value, String field, LocalDate today) {
        LocalDate horizon = today.plusYears(GOAL_HORIZON_YEARS);
        if (value.isAfter(horizon)) {
            throw invalid(CoalitionErrorCode.DEADLINE_BEYOND_HORIZON, field + " " + value + " is after " + horizon
                    + " (" + GOAL_HORIZON_YEARS + " years from today)");
        }
    }

    /** Checks every business date a command states against today. */
    public static void plausibleDates(BusinessDates command, LocalDate today) {
        command.factDates().forEach((field, date) -> {
            if (date != null) {
                factDate(date, field, today);
            }
        });
        command.deadlines().forEach((field, date) -> {
            if (date != null) {
                deadline(date, field, today);
            }
        });
    }

    /** The same number without trailing zeros and never in exponent form (1E+3 becomes 1000). */
    public static BigDecimal withoutTrailingZeros(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Digits the number has when written out in full (1E+25 has 26). */
    public static int digits(BigDecimal value) {
        return Math.max(value.precision(), value.precision() - value.scale());
    }

    /**
     * A positive exchange rate (units of the original currency per one US dollar), returned without trailing zeros
     * (6.72020 becomes 6.7202), so the same rate is always recorded the same way.
     */
    public static BigDecimal positiveRate(BigDecimal value, String field) {
        writable(value, field);
        if (value.signum() <= 0) {
            throw invalid(CoalitionErrorCode.INVALID_AMOUNT, field + " must be greater than 0");
        }
        BigDecimal plain = withoutTrailingZeros(value);
        if (plain.scale() > MAX_RATE_SCALE || digits(plain) > MAX_AMOUNT_PRECISION) {
            throw invalid(CoalitionErrorCode.INVALID_AMOUNT, field + " must have at most " + MAX_RATE_SCALE
                    + " decimals and " + MAX_AMOUNT_PRECISION + " digits");
        }
        return plain;
    }

    public static void period(LocalDate start, LocalDate end) {
        required(start, "periodStart");
        required(end, "periodEnd");
        if (start.isAfter(end)) {
            throw invalid(CoalitionErrorCode.INVALID_PERIOD, "periodStart " + start + " is after periodEnd " + end);
        }
    }
}
