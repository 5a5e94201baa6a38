package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WrkResultTest {

    // wrk 4.1.0 --latency, as printed by the Debian package.
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:35817
              2 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     4.21ms    3.10ms  48.22ms   85.12%
                Req/Sec     1.02k   150.33     1.40k    71.50%
              Latency Distribution
                 50%  850.00us
                 75%    5.01ms
                 90%    7.80ms
                 99%    1.20s
              20345 requests in 10.01s, 5.12MB read
              Socket errors: connect 0, read 3, write 0, timeout 2
              Non-2xx or 3xx responses: 45
            Requests/sec:   2032.55
            Transfer/sec:    523.71KB
            """;

    @Test
    void parse_readsTotalsRatePercentilesInMillisAndFailures() {
        WrkResult r = WrkResult.parse(REPORT);

        assertThat(r.requests()).isEqualTo(20345);
        assertThat(r.seconds()).isCloseTo(10.01, within(1e-9));
        assertThat(r.requestsPerSecond()).isCloseTo(2032.55, within(1e-9));
        assertThat(r.p50Millis()).isCloseTo(0.85, within(1e-9));
        assertThat(r.p90Millis()).isCloseTo(7.80, within(1e-9));
        assertThat(r.p99Millis()).isCloseTo(1200, within(1e-9));
        assertThat(r.non2xx()).isEqualTo(45);
        assertThat(r.socketErrors()).isEqualTo(5);
        assertThat(r.successesPerSecond()).isCloseTo(2032.55 * (20345 - 45) / 20345, within(1e-9));
    }

    @Test
    void parse_countsNoFailures_whenWrkPrintsNone() {
        WrkResult r = WrkResult.parse(REPORT.replaceAll("(?m)^.*(Socket errors|Non-2xx).*\\n", ""));

        assertThat(r.non2xx()).isZero();
        assertThat(r.socketErrors()).isZero();
        assertThat(r.successesPerSecond()).isCloseTo(2032.55, within(1e-9));
    }

    @Test
    void parse_rejected_whenNotAWrkReport() {
        assertThatThrownBy(() -> WrkResult.parse("wrk: unable to connect"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a wrk report");
    }

    @Test
    void parse_rejected_whenRunWithoutLatencyDistribution() {
        String withoutDistribution = REPORT.replaceAll("(?m)^\\s+\\d+%\\s+\\S+\\s*\\n", "");

        assertThatThrownBy(() -> WrkResult.parse(withoutDistribution))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--latency");
    }
}
