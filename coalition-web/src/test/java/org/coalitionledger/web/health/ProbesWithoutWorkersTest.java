package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probe needs no worker thread: while every thread of the bounded elastic scheduler (where Spring Boot runs
 * blocking health indicators, and where the API runs its blocking work) is held, the health endpoint and both probes
 * still answer UP, from the event loop and the background checks' latest results ({@link BootHealthIndicators}). On a
 * loaded node each hop to a worker waits for a CPU; held here, a hop would never be served and the probe would time
 * out. Boot's indicators keep their names; {@code ping} is gone.
 */
@LedgerApplicationTest
class ProbesWithoutWorkersTest {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bootsIndicators_keepTheirNames_withoutPing() throws Exception {
        HttpResponse<String> health = get("/actuator/health", TestTokens.ADMIN);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"livenessState\"", "\"readinessState\"", "\"diskSpace\"", "\"ssl\"",
                "\"eventStore\"", "\"signingKey\"").doesNotContain("\"ping\"");
        assertThat(health.body()).as("the disk space check's details, from the background")
                .contains("\"free\"", "\"threshold\"", "\"checkedAt\"");
    }

    @Test
    void probesAnswer_whileEveryWorkerThreadIsHeld() throws Exception {
        int workers = Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE;
        CountDownLatch held = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < workers; i++) {
                Schedulers.boundedElastic().schedule(() -> {
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(held.await(30, TimeUnit.SECONDS)).as("every worker thread held").isTrue();
            for (String probe : List.of("/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness")) {
                HttpResponse<String> answer = get(probe, null);
                assertThat(answer.statusCode()).as(probe).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }
        } finally {
            release.countDown();
        }
    }
}
