package org.coalitionledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's stop-the-world garbage-collection pauses within a stretch of wall-clock time, read from the GC
 * log the JVM writes with {@link #jvmOption}: a pause stops every request in flight, so a few of them can make a
 * latency run's p99 on their own. A pause's log line is written when it ends; it counts when any of it falls within
 * the stretch.
 *
 * @param count   pauses
 * @param longest the longest, ms
 * @param total   all of them, ms
 */
record GcPauses(int count, double longest, double total) {

    // "[2026-12-05T08:00:00.123+0000] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 512M->100M(2048M) 12.345ms"
    private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\] GC\\(\\d+\\) Pause .* ([0-9.]+)ms$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** The JVM option that writes the GC log to {@code file}, each line stamped with its wall-clock time. */
    static String jvmOption(Path file) {
        return "-Xlog:gc:file=" + file.toAbsolutePath() + ":time";
    }

    /** The pauses in {@code lines} (a GC log) that overlap {@code from} to {@code to}. */
    static GcPauses within(List<String> lines, Instant from, Instant to) {
        int count = 0;
        double longest = 0;
        double total = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Instant ended = OffsetDateTime.parse(m.group(1), TIME).toInstant();
            double millis = Double.parseDouble(m.group(2));
            Instant started = ended.minusNanos((long) (millis * 1e6));
            if (!ended.isBefore(from) && !started.isAfter(to)) {
                count++;
                longest = Math.max(longest, millis);
                total += millis;
            }
        }
        return new GcPauses(count, longest, total);
    }

    /** As {@link #within(List, Instant, Instant)}, from the log file (which the JVM creates when it starts). */
    static GcPauses within(Path file, Instant from, Instant to) throws IOException {
        return within(Files.readAllLines(file), from, to);
    }
}
