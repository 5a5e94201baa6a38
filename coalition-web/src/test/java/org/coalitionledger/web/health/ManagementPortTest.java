package org.coalitionledger.web.health;

import io.netty.util.concurrent.EventExecutor;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.context.ActiveProfiles;
import reactor.netty.http.HttpResources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a management port of their own, the probes are answered on an event loop of their own: while every event loop
 * thread the API's server could run on is busy (here, each held by a spinning task), the API's port answers nothing
 * and the liveness and readiness probes still answer. The README advises this setting for production. Its own
 * context: the management port is a property the shared test context does not set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coalition.data-dir=./target/test-data/h2-${random.uuid}", "management.server.port=0",
                // Tomcat is on the test class path only (the OIDC test's provider); its management server would
                // compete with Netty's, which the application jar alone has.
                "spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.actuate.web.server"
                        + ".TomcatReactiveManagementContextAutoConfiguration"})
@ActiveProfiles("test")
class ManagementPortTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /**
     * Spring's resource factory for Reactor Netty. The API's server runs on its loops or on Reactor Netty's shared
     * ones ({@code reactor-http-*}), which Spring Boot would give the management server too; the management server
     * has a loop of its own ({@link ManagementEventLoop}).
     */
    @Autowired
    ReactorResourceFactory partnerResources;

    /** A file of the dashboard: the cheapest answer of the API's port. */
    private static final String STATIC = "/dashboard/api.js";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(int onPort, String path, Duration timeout) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path)).timeout(timeout)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The management port is no way around the roles: its endpoints are guarded as on the API's port. */
    @Test
    void theManagementPort_keepsTheRoles() throws Exception {
        assertThat(get(managementPort, "/actuator/metrics", Duration.ofSeconds(10)).statusCode()).isEqualTo(401);
        HttpResponse<String> partner = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + managementPort + "/actuator/metrics")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestTokens.PARTNER).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(partner.statusCode()).isEqualTo(403);
        HttpResponse<String> health = get(managementPort, "/actuator/health", Duration.ofSeconds(10));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).as("anyone sees the status alone").doesNotContain("components");
    }

    @Test
    void probesAnswer_onTheManagementPort_whileEveryPartnerEventLoopThreadIsBusy() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(port, "/actuator/health", Duration.ofSeconds(10)).statusCode())
                .as("the management endpoints are not on the API's port").isEqualTo(404);
        assertThat(get(port, STATIC, Duration.ofSeconds(10)).statusCode())
                .as("before: the partners' port answers").isEqualTo(200);
        // Both sets Spring might serve the API from: its resource factory's and Reactor Netty's shared loops (the
        // application jar's servers run on these unless given others).
        List<EventExecutor> loops = new ArrayList<>();
        partnerResources.getLoopResources().onServer(true).forEach(loops::add);
        HttpResources.get().onServer(true).forEach(loop -> {
            if (!loops.contains(loop)) {
                loops.add(loop);
            }
        });
        AtomicBoolean busy = new AtomicBoolean(true);
        CountDownLatch allBusy = new CountDownLatch(loops.size());
        try {
            for (EventExecutor loop : loops) {
                loop.submit(() -> {
                    allBusy.countDown();
                    // Spins rather than waits: the blocking-call detector watches these threads.
                    long spins = 0;
                    while (busy.get()) {
                        spins++;
                    }
                    return spins;
                });
            }
            assertThat(allBusy.await(30, TimeUnit.SECONDS)).as("every partner loop thread busy").isTrue();
            assertThatThrownBy(() -> get(port, STATIC, Duration.ofSeconds(2)))
                    .as("the partners' port, its loops busy").isInstanceOf(HttpTimeoutException.class);
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> answer = get(managementPort, probe, Duration.ofSeconds(10));
                assertThat(answer.statusCode()).as(probe).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }
        } finally {
            busy.set(false);
        }
        assertThat(get(port, STATIC, Duration.ofSeconds(10)).statusCode())
                .as("after: the partners' port answers again").isEqualTo(200);
    }
}
