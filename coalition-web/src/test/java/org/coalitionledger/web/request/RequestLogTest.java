package org.coalitionledger.web.request;

import org.coalitionledger.web.limits.BlockingWork;
import org.coalitionledger.web.security.Identity;
import org.coalitionledger.web.security.Role;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Work a request hands to other threads logs with the request's fields, and leaves those threads' own behind. */
class RequestLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RequestLog identified(MockServerWebExchange exchange) {
        RequestLog request = RequestLog.of(exchange);
        request.identify(new Identity("alice", Role.PARTNER, "key-1", Identity.AuthMethod.API_KEY));
        return request;
    }

    private static Map<String, String> mdc() {
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return fields == null ? Map.of() : fields;
    }

    @Test
    void workerPool_runsTheReadWithTheRequestsFields_thenClearsThem() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/coalitions"));
        RequestLog request = identified(exchange);
        BlockingWork work = new BlockingWork(1, 10);
        try {
            Map<String, String> during = work.call(RequestLogTest::mdc)
                    .contextWrite(Context.of(RequestLog.class, request)).block(WAIT);
            assertThat(during).containsEntry("requestId", RequestIds.of(exchange)).containsEntry("person", "alice")
                    .containsEntry("role", "PARTNER").containsEntry("credentialId", "key-1")
                    .doesNotContainKey("clientRequestId");
            // The one worker, next asked outside any request: nothing of the last one is left.
            assertThat(work.call(RequestLogTest::mdc).block(WAIT)).isEmpty();
        } finally {
            work.destroy();
        }
    }

    @Test
    void blocking_callsWithTheRequestsFields_thenClearsThem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/coalitions"));
        RequestLog request = identified(exchange);
        Map<String, String> during = RequestLog.blocking(RequestLogTest::mdc)
                .contextWrite(Context.of(RequestLog.class, request)).block(WAIT);
        assertThat(during).containsEntry("requestId", RequestIds.of(exchange)).containsEntry("person", "alice");
        assertThat(RequestLog.blocking(RequestLogTest::mdc).block(WAIT)).isEmpty();
    }
}
