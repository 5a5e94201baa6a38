package org.coalitionledger.web.health;

import org.awaitility.core.ConditionTimeoutException;
import org.coalitionledger.web.security.TestTokens;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** Reads the health probes over real HTTP, anonymously or as a monitor (who may see the details). */
final class Probes {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    Probes(int port) {
        this.port = port;
    }

    /** One probe answer: its HTTP status and its body. */
    record Answer(int status, JsonNode body) {
        /** A component's status ({@code eventStore}, {@code processorLag}, ...), as a monitor sees it. */
        String component(String name) {
            return body.path("components").path(name).path("status").asString();
        }

        JsonNode details(String name) {
            return body.path("components").path(name).path("details");
        }

        /** When the oldest of the answer's background checks completed (none in an answer without details). */
        Optional<Instant> oldestCheck() {
            return checkTimes().min(Comparator.naturalOrder());
        }

        Optional<Instant> newestCheck() {
            return checkTimes().max(Comparator.naturalOrder());
        }

        private Stream<Instant> checkTimes() {
            return body.path("components").valueStream().map(c -> c.path("details").path("checkedAt"))
                    .filter(JsonNode::isString).map(at -> Instant.parse(at.asString()));
        }

        /** The lag details of one streaming processor, as the readiness probe shows them to a monitor. */
        JsonNode processor(String name) {
            for (JsonNode processor : details("processorLag").path("processors")) {
                if (processor.path("processor").asString().equals(name)) {
                    return processor;
                }
            }
            throw new AssertionError("no lag details for processor " + name + " in " + body);
        }
    }

    Answer anonymous(String probe) {
        return get(probe, null);
    }

    Answer monitor(String probe) {
        return get(probe, TestTokens.MONITOR);
    }

    Answer get(String probe, String token) {
        // A fresh connection per request (see AuthorizationMatrixTest).
        var builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("Connection", "close").responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        EntityExchangeResult<byte[]> result = builder.build().get().uri(probe).exchange().expectBody()
                .returnResult();
        byte[] body = result.getResponseBody();
        return new Answer(result.getStatus().value(), JSON.readTree(body == null ? new byte[0] : body));
    }

    /** Polls the probe, as a monitor, until it answers with the HTTP status; returns that answer. */
    Answer awaitStatus(String probe, int status) {
        return awaitAnswer(probe, answer -> answer.status() == status);
    }

    /**
     * Polls the probe, as a monitor, until its answer is as expected; returns that answer. Readiness checks run in the
     * background, so an answer counts only once every check in it has run wholly after this call began: it completed
     * after a result that itself completed after the call began (a check starts only when the one before completed).
     */
    Answer awaitAnswer(String probe, Predicate<Answer> expected) {
        Instant began = Instant.now();
        Instant[] firstAfter = new Instant[1];
        Answer[] last = new Answer[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                last[0] = monitor(probe);
                Optional<Instant> oldest = last[0].oldestCheck();
                if (oldest.isEmpty()) {
                    return expected.test(last[0]);
                }
                if (firstAfter[0] == null) {
                    if (oldest.get().isAfter(began)) {
                        firstAfter[0] = last[0].newestCheck().orElseThrow();
                    }
                    return false;
                }
                return oldest.get().isAfter(firstAfter[0]) && expected.test(last[0]);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(probe + " never answered as expected; last answer: "
                    + (last[0] == null ? "none" : last[0].status() + " " + last[0].body()), e);
        }
        return last[0];
    }
}
