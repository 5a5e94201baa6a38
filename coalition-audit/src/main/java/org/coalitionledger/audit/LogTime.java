package org.coalitionledger.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The time a leaf was logged, as it enters the v2 leaf: UTC, microseconds, always six fraction digits
 * ({@code 2026-12-03T01:02:03.000450Z}). One fixed text form, so the same instant always hashes the same and
 * texts sort as instants do; microseconds, because that is what both databases keep.
 */
public final class LogTime {

    /** The reference form; the hand-written paths below give exactly its text for the years 0000 to 9999. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /**
     * The fixed form's layout in the years 0000 to 9999, the only ones a ledger logs: a {@code 0} stands for a digit,
     * any other character for itself.
     */
    private static final String LAYOUT = "0000-00-00T00:00:00.000000Z";
    /** The form Axon stores an event's time in, milliseconds ({@code 2026-12-05T15:58:39.487Z}), laid out likewise. */
    private static final String EVENT_TIME_LAYOUT = "0000-00-00T00:00:00.000Z";
    private static final long FIRST_FAST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long END_FAST_SECOND = LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private LogTime() {
    }

    /** {@code instant} cut to microseconds. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The fixed text of {@code instant}, cut to microseconds. Written by hand for the years 0000 to 9999 (the
     * general formatter cost a verification a quarter of its time: every leaf's time is written and read several
     * times); other years by the formatter, with the same result.
     */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < FIRST_FAST_SECOND || second >= END_FAST_SECOND) {
            return FORMAT.format(truncate(instant));
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        char[] text = LAYOUT.toCharArray();
        digits(text, 0, time.getYear(), 4);
        digits(text, 5, time.getMonthValue(), 2);
        digits(text, 8, time.getDayOfMonth(), 2);
        digits(text, 11, time.getHour(), 2);
        digits(text, 14, time.getMinute(), 2);
        digits(text, 17, time.getSecond(), 2);
        digits(text, 20, instant.getNano() / 1000, 6);
        return new String(text);
    }

    /**
     * The instant of a log time text.
     *
     * @throws IllegalArgumentException unless {@code text} is exactly in the fixed form
     */
    public static Instant parse(String text) {
        if (inLayout(text, LAYOUT)) {
            try {
                return laidOut(text, 6);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("log time '" + text + "' is not an ISO-8601 instant", e);
            }
        }
        try {
            Instant instant = Instant.parse(text);
            if (!format(instant).equals(text)) {
                throw new IllegalArgumentException("log time '" + text + "' is not in the form "
                        + "uuuu-MM-ddTHH:mm:ss.SSSSSSZ");
            }
            return instant;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("log time '" + text + "' is not an ISO-8601 instant", e);
        }
    }

    /**
     * The instant of a stored event's time, exactly as {@link Instant#parse} reads it: the form Axon stores is read by
     * hand (verification reads every event's time, and the general parser took about 5 % of its samples), any other
     * text, and a date that does not exist, by {@code Instant.parse}.
     *
     * @throws java.time.format.DateTimeParseException as {@code Instant.parse} does
     */
    public static Instant parseEventTime(String text) {
        if (inLayout(text, EVENT_TIME_LAYOUT)) {
            try {
                return laidOut(text, 3);
            } catch (DateTimeException e) {
                // Not a time of day or not a date (a 30 February, a leap second): Instant.parse decides.
            }
        }
        return Instant.parse(text);
    }

    /**
     * The instant of a text whose digits and separators are where the layouts above have them, with {@code fraction}
     * digits of the second.
     *
     * @throws DateTimeException for a field out of its range (a 30 February, an hour 24, a second 60)
     */
    private static Instant laidOut(String text, int fraction) {
        int nanos = number(text, 20, fraction);
        for (int i = fraction; i < 9; i++) {
            nanos *= 10;
        }
        return LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
                number(text, 14, 2), number(text, 17, 2), nanos).toInstant(ZoneOffset.UTC);
    }

    /** Digits and separators exactly where {@code layout} has them. */
    private static boolean inLayout(String text, String layout) {
        if (text == null || text.length() != layout.length()) {
            return false;
        }
        for (int i = 0; i < layout.length(); i++) {
            char c = text.charAt(i);
            boolean fits = layout.charAt(i) == '0' ? c >= '0' && c <= '9' : c == layout.charAt(i);
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void digits(char[] text, int from, int value, int length) {
        for (int i = from + length - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
