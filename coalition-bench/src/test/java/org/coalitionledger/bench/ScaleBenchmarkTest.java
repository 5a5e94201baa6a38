package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleBenchmarkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void tokenPosition_readsGapAwarePlainReplayingAndMergedTokens() {
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"index\":10000,\"gaps\":[]}"))).isEqualTo(10000);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"index\":10000,\"gaps\":[9990,9995]}")))
                .isEqualTo(9989);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"tokenAtReset\":{\"index\":900,\"gaps\":[]},"
                + "\"currentToken\":{\"index\":12,\"gaps\":[]}}"))).isEqualTo(12);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"globalIndex\":41}"))).isEqualTo(41);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"tokenAtReset\":{\"globalIndex\":900},"
                + "\"currentToken\":{\"globalIndex\":12},\"context\":null}"))).isEqualTo(12);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"tokenAtReset\":{\"globalIndex\":900},"
                + "\"currentToken\":null}"))).isEqualTo(-1);
        assertThat(ScaleBenchmark.tokenPosition(JSON.readTree("{\"lowerSegmentToken\":{\"globalIndex\":7},"
                + "\"upperSegmentToken\":{\"globalIndex\":5}}"))).isEqualTo(5);
    }

    @Test
    void tokenPosition_rejected_whenTheTokenIsUnknown() {
        assertThatThrownBy(() -> ScaleBenchmark.tokenPosition(JSON.readTree("{\"offset\":3}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progress_waitsWhileTheValueMoves_andFailsOnceItHasStalledForTheLimit() {
        long[] clock = {0};
        var progress = new ScaleBenchmark.Progress("the log", 100, Duration.ofMinutes(5), () -> clock[0]);
        assertThat(progress.reached(10)).isFalse();
        clock[0] += Duration.ofMinutes(4).toNanos();
        assertThat(progress.reached(20)).as("moved: the stall clock starts again").isFalse();
        clock[0] += Duration.ofMinutes(4).toNanos();
        assertThat(progress.reached(20)).as("still within the limit").isFalse();
        clock[0] += Duration.ofMinutes(2).toNanos();
        assertThatThrownBy(() -> progress.reached(20)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the log stalled at 20 of 100");
        assertThat(progress.reached(100)).isTrue();
    }

    @Test
    void appArgs_raiseThePerCredentialLimitsToTheHarnessConcurrency_andGivenArgsReplaceThem() {
        var options = ScaleBenchmark.Options.parse(new String[]{"--quick", "--import-clients", "6", "--app-args",
                "--coalition.web.limits.historic-views.total=4 --coalition.views.live-cache-size=8"});
        List<String> args = ScaleBenchmark.appArgs(options);
        assertThat(args).contains("--coalition.web.limits.imports.per-credential=6",
                "--coalition.web.limits.historic-views.per-credential=16");
        // Given twice, Spring Boot would bind "16,4": the given setting replaces the harness's own.
        assertThat(args).filteredOn(arg -> arg.startsWith("--coalition.web.limits.historic-views.total="))
                .containsExactly("--coalition.web.limits.historic-views.total=4");
        assertThat(args.subList(args.size() - 2, args.size())).containsExactly(
                "--coalition.web.limits.historic-views.total=4", "--coalition.views.live-cache-size=8");
    }

    @Test
    void importLine_isOneTakedownBatchCommandForTheCoalition() {
        var line = JSON.readTree(ScaleBenchmark.importLine("bench-3", 1234));

        assertThat(line.get("command").asString()).isEqualTo("RecordTakedownBatch");
        assertThat(line.get("payload").get("coalitionId").asString()).isEqualTo("bench-3");
        assertThat(line.get("payload").get("batchId").asString()).isEqualTo("import-1234");
        assertThat(line.get("payload").get("periodStart").asString()).isEqualTo("2011-01-01");
    }

    @Test
    void pauseMillis_spacesEachConnectionsRequestsToHoldTheRate() {
        // 8 connections at 400 req/s: one request per connection every 20 ms, 5 of them the request itself.
        assertThat(ScaleBenchmark.pauseMillis(8, 400, 5)).isEqualTo(15);
        assertThat(ScaleBenchmark.pauseMillis(8, 400, 30)).as("slower than the rate: no pause").isZero();
        assertThatThrownBy(() -> ScaleBenchmark.pauseMillis(8, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        // paced.lua reads its pause first and hands the rest to get.lua (a proof's leaf bound included).
        assertThat(ScaleBenchmark.pacedArgs(15, "token", "/proofs?leaf={r}", "1000"))
                .containsExactly("15", "token", "/proofs?leaf={r}", "1000");
    }

    @Test
    void options_quickMeansTenThousandEventsOnly() {
        var quick = ScaleBenchmark.Options.parse(new String[]{"--quick"});
        var full = ScaleBenchmark.Options.parse(new String[]{"--events", "200", "--out", "x"});

        assertThat(quick.sizes()).containsExactly(10_000L);
        assertThat(ScaleBenchmark.Options.parse(new String[0]).sizes()).containsExactly(10_000L, 100_000L,
                1_000_000L);
        assertThat(full.sizes()).isEqualTo(List.of(200L));
        assertThat(full.out()).isEqualTo(Path.of("x"));
        assertThat(full.readsOnly()).isFalse();
        assertThat(full.rebuildOnly()).isFalse();
        assertThat(full.verificationOnly()).isFalse();
        assertThat(full.plansOnly()).isFalse();
        assertThat(full.warmUpSeconds()).as("no warm-up unless asked for").isZero();
        assertThat(ScaleBenchmark.Options.parse(new String[]{"--warm-up", "10"}).warmUpSeconds()).isEqualTo(10);
        assertThat(ScaleBenchmark.Options.parse(new String[]{"--reads-only", "--events", "1000000"}).readsOnly())
                .isTrue();
        assertThat(ScaleBenchmark.Options.parse(new String[]{"--rebuild-only", "--events", "1000000"}).rebuildOnly())
                .isTrue();
        assertThat(ScaleBenchmark.Options.parse(new String[]{"--verification-only", "--events", "100000"})
                .verificationOnly()).isTrue();
        assertThat(ScaleBenchmark.Options.parse(new String[]{"--plans-only", "--events", "1000000"}).plansOnly())
                .isTrue();
    }
}
