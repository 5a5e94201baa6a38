package org.coalitionledger.web.health;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background readiness check answers probes from its latest result while that result is recent enough, and
 * checks on the request before the first result and once the background check has fallen silent.
 */
class BackgroundCheckTest {

    /** Defaults: checks every second, query timeout 2 s, so a result serves for 7 s. */
    private final HealthProperties properties = new HealthProperties(null, null, null, null);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<Status> status = new AtomicReference<>(Status.UP);
    private final BackgroundCheck check = new BackgroundCheck("test", () -> {
        runs.incrementAndGet();
        return Health.status(status.get()).withDetail("run", runs.get()).build();
    }, properties, clock);

    @Test
    void beforeTheFirstBackgroundResult_theProbeChecksOnTheRequest() {
        Health health = check.health().block();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(runs).hasValue(1);
        assertThat(check.checksOnRequest()).isEqualTo(1);
        assertThat(health.getDetails()).containsEntry("checkedAt", "2026-12-03T10:00:00Z");
    }

    @Test
    void aRecentResult_answersEveryProbe_withoutRunningTheCheck() {
        check.refresh();
        now.set(now.get().plusSeconds(7));
        for (int i = 0; i < 10; i++) {
            Health health = check.health().block();
            assertThat(health.getDetails()).containsEntry("run", 1).containsEntry("checkedAt", "2026-12-03T10:00:00Z");
        }
        assertThat(runs).hasValue(1);
        assertThat(check.checksOnRequest()).isZero();
    }

    @Test
    void aChangeIsAnsweredFromTheNextBackgroundResult() {
        check.refresh();
        status.set(Status.OUT_OF_SERVICE);
        assertThat(check.health().block().getStatus()).isEqualTo(Status.UP);
        now.set(now.get().plusSeconds(1));
        check.refresh();
        Health health = check.health().block();
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("checkedAt", "2026-12-03T10:00:01Z");
    }

    @Test
    void aResultOlderThanItsMaximumAge_isNotUsed_theProbeChecksOnTheRequest() {
        assertThat(properties.resultMaxAge()).isEqualTo(Duration.ofSeconds(7));
        check.refresh();
        now.set(now.get().plusSeconds(7).plusMillis(1));
        status.set(Status.DOWN);
        Health health = check.health().block();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("run", 2);
        assertThat(check.checksOnRequest()).isEqualTo(1);
    }

    @Test
    void aCheckThatThrows_isKeptAsDown_withItsReason() {
        BackgroundCheck failing = new BackgroundCheck("failing", () -> {
            throw new IllegalStateException("no key file for key 2");
        }, properties, clock);
        failing.refresh();
        Health health = failing.health().block();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "IllegalStateException: no key file for key 2")
                .containsKey("checkedAt");
        assertThat(failing.checksOnRequest()).isZero();
    }
}
