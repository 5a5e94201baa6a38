package org.coalitionledger.web.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.support.ProbeFaultsApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes and the streaming processors: a stopped views processor fails liveness (a restart starts it again); the
 * events it has not processed, beyond the limit in number or in age, take the node out of readiness with the lag
 * named; started again, it catches up and both probes are UP.
 */
@ProbeFaultsApplicationTest
class ProcessorProbesTest {

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void viewsProcessorStopped_livenessDown_readinessOutOfServiceOnceItLags_bothUpWhenItCatchesUp() {
        Probes probes = new Probes(port);
        probes.awaitStatus(Probes.READINESS, 200);
        StreamingEventProcessor views = processing.eventProcessor("coalition-views", StreamingEventProcessor.class)
                .orElseThrow();
        views.shutDown();
        try {
            Probes.Answer live = probes.monitor(Probes.LIVENESS);
            assertThat(live.status()).isEqualTo(503);
            assertThat(live.component("processors")).isEqualTo("DOWN");
            assertThat(live.details("processors").path("stopped").toString()).contains("coalition-views");
            // Holding no segment of the views (as a node does when others hold them all) is no reason to be unready:
            // the views are measured ledger-wide, and they are up to date.
            Probes.Answer ready = probes.monitor(Probes.READINESS);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.processor("coalition-views").path("unclaimedSegments").asInt()).isEqualTo(4);

            // More events than the limit (3), none of which the stopped processor sees.
            String coalition = ApiFixtures.freshId("probes");
            admin().post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
            for (int i = 0; i < 3; i++) {
                recordBatch(coalition, 10 + i);
            }

            Probes.Answer notReady = probes.awaitStatus(Probes.READINESS, 503);
            assertThat(notReady.body().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(notReady.component("processorLag")).isEqualTo("OUT_OF_SERVICE");
            assertThat(notReady.details("processorLag").path("lagging").toString()).contains("coalition-views");
            var lag = notReady.processor("coalition-views");
            assertThat(lag.path("lag").asLong()).isGreaterThan(3);
            assertThat(lag.path("maxLag").asLong()).isEqualTo(3);
            assertThat(lag.path("lagging").asBoolean()).isTrue();
            // The log kept up: only the views are named.
            assertThat(notReady.processor("audit-log").path("lagging").asBoolean()).isFalse();
            // Anonymous callers learn the status and nothing more.
            Probes.Answer anonymous = probes.anonymous(Probes.READINESS);
            assertThat(anonymous.status()).isEqualTo(503);
            assertThat(anonymous.body().has("components")).isFalse();
        } finally {
            views.start();
        }

        Probes.Answer ready = probes.awaitStatus(Probes.READINESS, 200);
        assertThat(ready.processor("coalition-views").path("lagging").asBoolean()).isFalse();
        assertThat(probes.monitor(Probes.LIVENESS).status()).isEqualTo(200);
    }

    @Test
    void viewsProcessorStopped_readinessOutOfService_onceItsOldestUnprocessedEventIsOlderThanMaxAge() {
        Probes probes = new Probes(port);
        String coalition = ApiFixtures.freshId("probes-age");
        admin().post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        probes.awaitStatus(Probes.READINESS, 200);
        StreamingEventProcessor views = processing.eventProcessor("coalition-views", StreamingEventProcessor.class)
                .orElseThrow();
        views.shutDown();
        try {
            // One event: within the limit of three, so only its age (limit ten seconds) can make the node unready.
            recordBatch(coalition, 7);
            Probes.Answer notReady = probes.awaitStatus(Probes.READINESS, 503);
            assertThat(notReady.component("processorLag")).isEqualTo("OUT_OF_SERVICE");
            var lag = notReady.processor("coalition-views");
            assertThat(lag.path("lag").asLong()).isBetween(1L, 3L);
            assertThat(Duration.parse(lag.path("oldestUnprocessedAge").asString()))
                    .isGreaterThan(Duration.ofSeconds(10));
            assertThat(lag.path("maxAge").asString()).isEqualTo("PT10S");
            assertThat(lag.path("lagging").asBoolean()).isTrue();
        } finally {
            views.start();
        }
        assertThat(probes.awaitStatus(Probes.READINESS, 200).processor("coalition-views").path("lag").asLong())
                .isZero();
    }

    private void recordBatch(String coalition, long listings) {
        admin().post().uri("/api/v1/coalitions/{id}/takedown-batches", coalition)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(ApiFixtures.freshId("batch"), "2021-01-01", "2021-01-31",
                        listings))
                .exchange().expectStatus().isCreated();
    }

    private WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestTokens.ADMIN).build();
    }
}
