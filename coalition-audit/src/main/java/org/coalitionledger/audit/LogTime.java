package org.coalitionledger.audit;

import java.time.Instant;
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

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LogTime() {
    }

    /** {@code instant} cut to microseconds. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The fixed text of {@code instant}, cut to microseconds. */
    public static String format(Instant instant) {
        return FORMAT.format(truncate(instant));
    }

    /**
     * The instant of a log time text.
     *
     * @throws IllegalArgumentException unless {@code text} is exactly in the fixed form
     */
    public static Instant parse(String text) {
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
}
