package org.coalitionledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads of the harness's own process that only spin, to measure what a machine whose CPUs are that busy gives a
 * health probe when the server itself is idle: the limit beside the probe's latency under the hammer, where the
 * server's own threads keep the CPUs as busy.
 */
final class CpuSpin {

    private CpuSpin() {
    }

    /** The result of {@code work}, run while {@code threads} threads spin; they stop when it returns. */
    static <T> T during(int threads, Callable<T> work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong spins = new AtomicLong();
        List<Thread> spinning = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                long x = System.nanoTime();
                long count = 0;
                while (!stop.get()) {
                    // Arithmetic the JIT cannot drop: its result is published below.
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    count++;
                }
                spins.addAndGet(count + (x & 1));
            }, "cpu-spin-" + i);
            thread.setDaemon(true);
            thread.start();
            spinning.add(thread);
        }
        try {
            return work.call();
        } finally {
            stop.set(true);
            for (Thread thread : spinning) {
                thread.join();
            }
        }
    }
}
