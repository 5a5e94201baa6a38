package org.coalitionledger.bench;

import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.FoundingMember;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills an empty ledger through the real command path: {@code coalitions} coalitions, then figure records (takedown
 * batches and arrests, alternating) dealt round-robin over them, so the views' coalition sequencing spreads the
 * events over every segment. Each record command stores one event.
 */
final class Workload {

    private static final LocalDate FOUNDED = LocalDate.of(2018, 1, 1);

    /** Command rates: the first commands sent one at a time, the rest by {@code writers} concurrent clients. */
    record WriteRates(int sequentialCommands, double sequentialRate, int concurrentCommands, int writers,
                      double concurrentRate) {
    }

    private Workload() {
    }

    static WriteRates fill(RunningLedger ledger, int records, int coalitions, int writers)
            throws InterruptedException, ExecutionException {
        for (int c = 0; c < coalitions; c++) {
            ledger.send(found(coalitionId(c)), "bench-found-" + c).get();
        }
        int sequential = Math.max(1, Math.min(2000, records / 10));
        long start = System.nanoTime();
        for (int i = 0; i < sequential; i++) {
            ledger.send(record(i, coalitions), "bench-" + i).get();
        }
        double sequentialRate = sequential / ((System.nanoTime() - start) / 1e9);

        AtomicInteger next = new AtomicInteger(sequential);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Object>> clients = new ArrayList<>();
            start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
                        ledger.send(record(i, coalitions), "bench-" + i).get();
                    }
                    return null;
                }));
            }
            for (Future<Object> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
        int concurrent = records - sequential;
        double concurrentRate = concurrent / ((System.nanoTime() - start) / 1e9);
        return new WriteRates(sequential, sequentialRate, concurrent, writers, concurrentRate);
    }

    private static String coalitionId(int c) {
        return String.format("bench-c%03d", c);
    }

    private static FoundCoalitionCommand found(String coalitionId) {
        return new FoundCoalitionCommand(coalitionId, "Benchmark coalition " + coalitionId, FOUNDED,
                List.of("WWF", "TRAFFIC"),
                List.of(new FoundingMember("bench-member", "Benchmark Member", "US", "North America", "e-commerce")),
                new Goal("bench-goal", "Halve listings by 2030", GoalMetric.LISTINGS_REMOVED, 1_000_000L,
                        BigDecimal.valueOf(50), LocalDate.of(2030, 12, 31)));
    }

    /** Record i: a takedown batch or an arrest of coalition i mod n, its business date spread over seven years. */
    private static Object record(int i, int coalitions) {
        String coalitionId = coalitionId(i % coalitions);
        LocalDate date = FOUNDED.plusDays(30 + (i * 7L) % 2500);
        if (i % 2 == 0) {
            return new RecordTakedownBatchCommand(coalitionId, String.format("bench-tb-%07d", i),
                    new Reporter(ReporterType.NGO, null, "Benchmark NGO"), date, date.plusDays(6),
                    100L + i % 900, 10L + i % 90, 1L + i % 9, List.of("ivory", "pangolin scales"),
                    "benchmark members", "coalition-bench synthetic record " + i);
        }
        return new RecordArrestCommand(coalitionId, String.format("bench-ar-%07d", i), date, 1L + i % 20, "CN",
                "Benchmark agency", "benchmark members", "coalition-bench synthetic record " + i);
    }
}
