package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CpuSpinTest {

    @Test
    void during_keepsTheThreadsSpinningWhileTheWorkRuns_andStopsThemAfter() throws Exception {
        long spinningDuringWork = CpuSpin.during(3, () -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> spinningThreads() == 3);
            return spinningThreads();
        });

        assertThat(spinningDuringWork).isEqualTo(3);
        assertThat(spinningThreads()).isZero();
    }

    private static long spinningThreads() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(info -> info.getThreadName().startsWith("cpu-spin-"))
                .filter(info -> info.getThreadState() == Thread.State.RUNNABLE)
                .count();
    }
}
