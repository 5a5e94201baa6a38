package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GcPausesTest {

    /** Lines as JDK 17 writes them with {@code -Xlog:gc:file=...:time} under G1. */
    private static final List<String> LOG = List.of(
            "[2026-12-05T08:00:00.100+0000] Using G1",
            "[2026-12-05T08:00:01.000+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->8M(2048M) 4.000ms",
            "[2026-12-05T08:00:10.030+0000] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) "
                    + "300M->120M(2048M) 50.000ms",
            "[2026-12-05T08:00:10.500+0000] GC(2) Concurrent Mark Cycle 400.000ms",
            "[2026-12-05T08:00:12.000+0000] GC(2) Pause Remark 130M->130M(2048M) 2.500ms",
            "[2026-12-05T08:00:30.000+0000] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 900M->90M(2048M) 9.000ms");

    @Test
    void within_countsThePausesThatOverlapTheStretch_notTheConcurrentPhases() {
        GcPauses pauses = GcPauses.within(LOG, Instant.parse("2026-12-05T08:00:10Z"),
                Instant.parse("2026-12-05T08:00:20Z"));

        // The first pause began before the stretch and ended in it; the concurrent cycle stopped nothing.
        assertThat(pauses).isEqualTo(new GcPauses(2, 50.0, 52.5));
    }

    @Test
    void within_countsAPauseThatEndedAfterTheStretch_ifItBeganInIt() {
        GcPauses pauses = GcPauses.within(LOG, Instant.parse("2026-12-05T08:00:00.500Z"),
                Instant.parse("2026-12-05T08:00:00.997Z"));

        assertThat(pauses).isEqualTo(new GcPauses(1, 4.0, 4.0));
    }

    @Test
    void jvmOption_stampsEachLineWithItsWallClockTime() {
        assertThat(GcPauses.jvmOption(java.nio.file.Path.of("/tmp/run/application-gc.log")))
                .isEqualTo("-Xlog:gc:file=/tmp/run/application-gc.log:time");
    }
}
