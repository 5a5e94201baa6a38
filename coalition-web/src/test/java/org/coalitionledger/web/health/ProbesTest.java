package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The liveness and readiness probes of a healthy ledger: both 200 UP without a token, with the status alone; the
 * details (what each check saw) only for monitors and administrators.
 */
@LedgerApplicationTest
class ProbesTest {

    @LocalServerPort
    int port;

    @Autowired
    BackgroundChecks backgroundChecks;

    @Test
    void readinessAndLiveness_up_onAHealthyLedger() {
        Probes probes = new Probes(port);
        Probes.Answer ready = probes.awaitStatus(Probes.READINESS, 200);
        assertThat(ready.body().path("status").asString()).isEqualTo("UP");
        assertThat(ready.component("eventStore")).isEqualTo("UP");
        assertThat(ready.details("eventStore").path("head").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(ready.component("processorLag")).isEqualTo("UP");
        assertThat(ready.processor("coalition-views").path("lag").isNumber()).isTrue();
        assertThat(ready.processor("audit-log").path("maxLag").asLong()).isEqualTo(20000);
        assertThat(ready.component("signingKey")).isEqualTo("UP");
        assertThat(ready.component("readinessState")).isEqualTo("UP");

        Probes.Answer live = probes.monitor(Probes.LIVENESS);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.component("processors")).isEqualTo("UP");
        assertThat(live.details("processors").path("processors").path("coalition-views").path("running")
                .asBoolean()).isTrue();
        // Liveness never depends on the database.
        assertThat(live.body().path("components").has("eventStore")).isFalse();
        assertThat(live.body().path("components").has("db")).isFalse();
    }

    @Test
    void readinessChecks_runInTheBackground_probesAreAnsweredFromTheirLatestResults() {
        Probes probes = new Probes(port);
        probes.awaitStatus(Probes.READINESS, 200);
        long onRequestBefore = backgroundChecks.checksOnRequest();
        for (int i = 0; i < 20; i++) {
            Probes.Answer ready = probes.monitor(i % 2 == 0 ? Probes.READINESS : "/actuator/health");
            assertThat(ready.status()).isEqualTo(200);
            for (String check : new String[]{"eventStore", "processorLag", "signingKey"}) {
                assertThat(Instant.parse(ready.details(check).path("checkedAt").asString())).as(check)
                        .isBeforeOrEqualTo(Instant.now());
            }
        }
        // Spring Boot's own database check would borrow a connection on the request.
        assertThat(probes.monitor("/actuator/health").body().path("components").has("db")).isFalse();
        assertThat(backgroundChecks.checksOnRequest()).isEqualTo(onRequestBefore);
    }

    @Test
    void probes_showNoDetails_toAnonymousCallersOrPartners() {
        Probes probes = new Probes(port);
        probes.awaitStatus(Probes.READINESS, 200);
        for (String probe : new String[]{Probes.READINESS, Probes.LIVENESS, "/actuator/health"}) {
            for (String token : new String[]{null, TestTokens.PARTNER}) {
                Probes.Answer answer = probes.get(probe, token);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body().path("status").asString()).isEqualTo("UP");
                assertThat(answer.body().has("components")).as(probe).isFalse();
                assertThat(answer.body().has("details")).as(probe).isFalse();
            }
        }
    }
}
