package org.coalitionledger.web.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.support.ProbeFaultsApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes and the streaming processors: a stopped views processor fails liveness (a restart starts it again); the
 * events it has not processed, beyond the limit in number or in age, take the node out of readiness with the lag
 * named; started again, it catches up and both probes are UP.
 */
@ProbeFaultsApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
            Probes.Answer ready = probes.awaitAnswer(Probes.READINESS, answer -> true);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.processor("coalition-views").path("unclaimedSegments").asInt()).isEqualTo(4);

            // More events than the limit (3), none of which the stopped processor sees.
            String coalition = ApiFixtures.freshId("probes");
            admin().post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
            for (int i = 0; i < 3; i++) {
                recordBatch(coalition, 10 + i);
            }

            // Once the log has taken the new events in, only the stopped views lag.
            Probes.Answer notReady = probes.awaitAnswer(Probes.READINESS, answer -> answer.status() == 503
                    && !answer.processor("audit-log").path("lagging").asBoolean());
            assertThat(notReady.body().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(notReady.component("processorLag")).isEqualTo("OUT_OF_SERVICE");
            assertThat(notReady.details("processorLag").path("lagging").toString())
                    .isEqualTo("[\"coalition-views\"]");
            var lag = notReady.processor("coalition-views");
            assertThat(lag.path("lag").asLong()).isGreaterThan(3);
            assertThat(lag.path("maxLag").asLong()).isEqualTo(3);
            assertThat(lag.path("lagging").asBoolean()).isTrue();
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
        probes.awaitAnswer(Probes.READINESS, answer -> answer.status() == 200
                && answer.processor("coalition-views").path("lag").asLong() == 0);
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

    /**
     * Last: after a reset, Axon keeps the stored token of a segment that has received no event of its own since as a
     * replay token at the reset's start, so those segments are not measured until they see an event; the other tests
     * stop the processor and measure every segment from the store.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void viewsReset_readinessUp_whileTheReplayIsBehind() {
        Probes probes = new Probes(port);
        // Something to replay: a coalition the views have folded.
        String coalition = ApiFixtures.freshId("probes-reset");
        admin().post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        probes.awaitAnswer(Probes.READINESS, answer -> answer.status() == 200
                && answer.processor("coalition-views").path("lag").asLong() == 0);
        StreamingEventProcessor views = processing.eventProcessor("coalition-views", StreamingEventProcessor.class)
                .orElseThrow();
        // Reset as a rebuild does, but held before the replay starts: every segment is behind the reset's position,
        // and more events than the limit wait behind it.
        views.shutDown();
        try {
            views.resetTokens();
            for (int i = 0; i < 4; i++) {
                recordBatch(coalition, 3 + i);
            }
            Probes.Answer ready = probes.awaitAnswer(Probes.READINESS,
                    answer -> !answer.processor("audit-log").path("lagging").asBoolean());
            var replay = ready.processor("coalition-views");
            assertThat(replay.path("replayingSegments").asInt()).as(ready.body().toString()).isEqualTo(4);
            assertThat(replay.path("lagging").asBoolean()).isFalse();
            assertThat(ready.status()).isEqualTo(200);
        } finally {
            views.start();
        }
        // Leave the context with the rebuilt generation published, as any rebuild ends.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> "PUBLISHED".equals(
                new ObjectMapper().readTree(admin().get().uri("/api/v1/admin/views/rebuild").exchange()
                        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                        .path("state").asString()));
        probes.awaitStatus(Probes.READINESS, 200);
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
