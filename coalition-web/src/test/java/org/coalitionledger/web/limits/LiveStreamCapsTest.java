package org.coalitionledger.web.limits;

import org.coalitionledger.support.LimitsApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live update streams (Server-Sent Events) over real HTTP, with the small caps of {@link LimitsApplicationTest}: two
 * open streams per credential and three in all. Over a cap the answer is a problem+json refusal with Retry-After,
 * before any stream starts; a stream that reaches its maximum lifetime is ended cleanly by the server.
 */
@LimitsApplicationTest
class LiveStreamCapsTest {

    private static final String C = "/api/v1/coalitions/";
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() { };

    @LocalServerPort
    int port;
    @Autowired
    AdmissionControl admission;
    @Autowired
    ObjectMapper mapper;

    @Test
    void liveStream_rejected429_overTheCredentialsCap_and503_overTheServersCap_freedWhenClosed() {
        String coalition = found();
        List<Disposable> open = new ArrayList<>();
        try {
            open.add(openStream(coalition, LimitsTestSupport.PARTNER));
            open.add(openStream(coalition, LimitsTestSupport.PARTNER));

            refused(coalition, LimitsTestSupport.PARTNER, 429, "TOO_MANY_REQUESTS");

            open.add(openStream(coalition, LimitsTestSupport.AUDITOR));
            refused(coalition, LimitsTestSupport.ADMIN, 503, "SERVER_BUSY");
            assertThat(admission.running(AdmissionControl.Kind.LIVE_STREAM)).isEqualTo(3);
        } finally {
            open.forEach(Disposable::dispose);
        }
        // A client that goes away frees its slot: the same partner may open a stream again.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admission.running(AdmissionControl.Kind.LIVE_STREAM) == 0);
        Disposable again = openStream(coalition, LimitsTestSupport.PARTNER);
        again.dispose();
    }

    @Test
    void liveStream_endedCleanly_afterItsMaximumLifetime() {
        String coalition = found();
        List<String> kinds = new ArrayList<>();
        // Completes (no error) when the server ends the response; bounded so a stream that never ends fails here.
        List<ServerSentEvent<String>> received = WebClient.create("http://localhost:" + port).get()
                .uri(C + coalition + "/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER))
                .retrieve().bodyToFlux(SSE)
                .doOnNext(event -> kinds.add(String.valueOf(event.event())))
                .collectList().block(Duration.ofSeconds(90));
        assertThat(received).isNotEmpty();
        assertThat(kinds.get(0)).isEqualTo("year-over-year");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admission.running(AdmissionControl.Kind.LIVE_STREAM) == 0);
    }

    private String found() {
        String coalition = ApiFixtures.freshId("streams");
        client().post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(LimitsTestSupport.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(coalition))
                .exchange().expectStatus().isCreated();
        // The views follow the ledger asynchronously: a stream starts once the coalition's view exists.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> client().get()
                .uri(C + coalition).headers(h -> h.setBearerAuth(LimitsTestSupport.PARTNER)).exchange()
                .returnResult(String.class).getStatus().value() == 200);
        return coalition;
    }

    /** Opens a stream and waits for its first view, so the server has admitted it; dispose to close it. */
    private Disposable openStream(String coalition, String token) {
        Sinks.One<String> first = Sinks.one();
        Disposable stream = WebClient.create("http://localhost:" + port).get().uri(C + coalition + "/updates")
                .accept(MediaType.TEXT_EVENT_STREAM).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToFlux(SSE)
                .subscribe(event -> first.tryEmitValue(String.valueOf(event.event())),
                        error -> first.tryEmitError(error));
        assertThat(first.asMono().block(Duration.ofSeconds(60))).isEqualTo("year-over-year");
        return stream;
    }

    private void refused(String coalition, String token, int status, String code) {
        var result = client().get().uri(C + coalition + "/updates").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "7")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = mapper.readTree(result);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).contains("live update streams");
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }
}
