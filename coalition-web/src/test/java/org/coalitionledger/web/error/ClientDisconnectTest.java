package org.coalitionledger.web.error;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.test.StepVerifier;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that closes its connection mid-answer (Netty reports a broken pipe or a reset when the server writes on)
 * is no fault of the server: nothing is answered and no 500 is made of it, while any other I/O failure still is one.
 */
class ClientDisconnectTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/dashboard/api.js"));
    }

    @Test
    void aBrokenPipeOrAReset_isAnsweredWithNothing() {
        // Netty's messages for the two (its native exception is an IOException with this text).
        for (Exception gone : new Exception[]{new IOException("sendfile(..) failed with error(-32): Broken pipe"),
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")}) {
            StepVerifier.create(advice.handleLedgerFailure(gone, exchange())).verifyComplete();
        }
    }

    @Test
    void anotherIoFailure_isStillA500() {
        StepVerifier.create(advice.handleLedgerFailure(new IOException("No space left on device"), exchange()))
                .assertNext(response -> assertThat(response.getStatusCode()).isEqualTo(
                        HttpStatus.INTERNAL_SERVER_ERROR))
                .verifyComplete();
    }
}
