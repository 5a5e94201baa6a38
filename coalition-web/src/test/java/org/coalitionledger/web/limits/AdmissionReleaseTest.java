package org.coalitionledger.web.limits;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot is free again by the time the request's completion leaves the filter: a client that sends its next import
 * as soon as it has read the previous answer is not refused as if both ran at once.
 */
class AdmissionReleaseTest {

    @Test
    void slot_released_beforeTheRequestsCompletionReachesTheServer() {
        AdmissionControl admission = new AdmissionControl(new Limits(null, null, null, null, null, null, null),
                JsonMapper.builder().build());
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/v1/coalitions/c/imports").build());
        AtomicInteger runningWhenComplete = new AtomicInteger(-1);

        admission.filter(exchange, served -> Mono.empty())
                .doOnSuccess(done -> runningWhenComplete.set(admission.running(AdmissionControl.Kind.IMPORT)))
                .block(Duration.ofSeconds(30));

        assertThat(runningWhenComplete.get()).isZero();
    }

    /** The kind's running count at the instant the answer is committed, the chain writing an answer at once. */
    private static int runningAtCommit(String path, org.springframework.http.HttpMethod method,
                                       AdmissionControl.Kind kind) {
        AdmissionControl admission = new AdmissionControl(new Limits(null, null, null, null, null, null, null),
                JsonMapper.builder().build());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
        AtomicInteger running = new AtomicInteger(-1);
        admission.filter(exchange, served -> {
            served.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> running.set(admission.running(kind))));
            return served.getResponse().setComplete();
        }).block(Duration.ofSeconds(30));
        return running.get();
    }

    @Test
    void importAndHistoricViewSlots_releasedBeforeTheAnswerIsCommitted_streamedAnswersKeepTheirsToTheEnd() {
        assertThat(runningAtCommit("/api/v1/coalitions/c/imports", org.springframework.http.HttpMethod.POST,
                AdmissionControl.Kind.IMPORT)).as("import").isZero();
        assertThat(runningAtCommit("/api/v1/coalitions/c/year-over-year?recordedAt=2020-01-01T00:00:00Z",
                org.springframework.http.HttpMethod.GET, AdmissionControl.Kind.HISTORIC_VIEW)).as("historic view")
                .isZero();
        assertThat(runningAtCommit("/api/v1/audit/bundle", org.springframework.http.HttpMethod.GET,
                AdmissionControl.Kind.BUNDLE)).as("bundle, streamed").isEqualTo(1);
    }
}
