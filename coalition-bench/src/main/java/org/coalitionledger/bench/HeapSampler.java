package org.coalitionledger.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's used heap, sampled every 250 ms from {@code /actuator/metrics/jvm.memory.used?tag=area:heap}
 * with the monitor token: the peak over the whole run and over the current phase. A sample misses a peak that
 * rises and falls between two samples, so the figure is a lower bound of the true peak.
 */
final class HeapSampler implements AutoCloseable {

    private static final Pattern VALUE = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*"
            + "([0-9.Ee+-]+)");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong phasePeak = new AtomicLong();

    HeapSampler(LedgerProcess ledger) {
        timer.scheduleAtFixedRate(() -> {
            try {
                var response = ledger.get("/actuator/metrics/jvm.memory.used?tag=area:heap", LedgerProcess.MONITOR);
                Matcher m = VALUE.matcher(response.body());
                if (response.statusCode() == 200 && m.find()) {
                    long used = (long) Double.parseDouble(m.group(1));
                    peak.accumulateAndGet(used, Math::max);
                    phasePeak.accumulateAndGet(used, Math::max);
                }
            } catch (Exception e) {
                // A missed sample (the server is busy or stopping) only lowers the bound.
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** Starts a new phase. */
    void startPhase() {
        phasePeak.set(0);
    }

    /** The peak used heap since {@link #startPhase()}, in MiB. */
    double phasePeakMiB() {
        return phasePeak.get() / (1024.0 * 1024.0);
    }

    /** The peak used heap over the whole run, in MiB. */
    double peakMiB() {
        return peak.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
