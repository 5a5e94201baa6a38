package org.coalitionledger.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run printed (with {@code --latency}): completed requests, throughput, latency percentiles in
 * milliseconds, and the requests that did not succeed (non-2xx/3xx answers and socket errors).
 */
record WrkResult(long requests, double seconds, double requestsPerSecond, double p50Millis, double p90Millis,
                 double p99Millis, long non2xx, long socketErrors) {

    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Parses wrk's report; fails when the report has no totals (wrk did not run). */
    static WrkResult parse(String output) {
        Matcher total = TOTAL.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!total.find() || !rate.find()) {
            throw new IllegalArgumentException("not a wrk report:\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        return new WrkResult(Long.parseLong(total.group(1)),
                millis(Double.parseDouble(total.group(2)), total.group(3)) / 1000,
                Double.parseDouble(rate.group(1)),
                percentile(output, 50), percentile(output, 90), percentile(output, 99),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors);
    }

    /** Requests that succeeded per second: wrk's rate counts failed answers too. */
    double successesPerSecond() {
        return requests == 0 ? 0 : requestsPerSecond * (requests - non2xx) / requests;
    }

    private static double percentile(String output, int p) {
        Matcher m = Pattern.compile("(?m)^\\s+" + p + "%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$").matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("wrk report has no " + p + "% latency (run with --latency):\n"
                    + output);
        }
        return millis(Double.parseDouble(m.group(1)), m.group(2));
    }

    private static double millis(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }
}
