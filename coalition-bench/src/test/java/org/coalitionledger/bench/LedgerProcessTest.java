package org.coalitionledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The harness retries only what admission control refused, after the pause the server names. */
class LedgerProcessTest {

    @Test
    void aRefusalByAdmissionControl_isRetriedAfterItsRetryAfter_atMostFiveSecondsAndTwentyTimes() {
        assertThat(LedgerProcess.retryPauseMillis(answer(429, "1"), 1)).isEqualTo(1_000);
        assertThat(LedgerProcess.retryPauseMillis(answer(503, "2"), 19)).isEqualTo(2_000);
        assertThat(LedgerProcess.retryPauseMillis(answer(429, "60"), 1)).isEqualTo(5_000);
        assertThat(LedgerProcess.retryPauseMillis(answer(429, "1"), 20)).isEqualTo(-1);
        assertThat(LedgerProcess.retryPauseMillis(answer(429, null), 1)).as("no Retry-After").isEqualTo(-1);
        assertThat(LedgerProcess.retryPauseMillis(answer(500, "1"), 1)).isEqualTo(-1);
        assertThat(LedgerProcess.retryPauseMillis(answer(200, null), 1)).isEqualTo(-1);
    }

    private static HttpResponse<String> answer(int status, String retryAfter) {
        HttpHeaders headers = HttpHeaders.of(retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)),
                (name, value) -> true);
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://localhost/")).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public String body() {
                return "";
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("http://localhost/");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
