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
}
