package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The liveness and readiness probes of a healthy ledger: both 200 UP without a token, with the status alone; the
 * details (what each check saw) only for monitors and administrators.
 */
@LedgerApplicationTest
class ProbesTest {

    @LocalServerPort
    int port;

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
