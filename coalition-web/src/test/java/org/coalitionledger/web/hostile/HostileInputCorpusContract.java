package org.coalitionledger.web.hostile;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends the whole {@link HostileInputCorpus} over real HTTP, shared round robin between the given nodes of one ledger,
 * and checks each answer:
 * a 4xx {@code application/problem+json} with a {@code code}, never a 5xx, and not one event more in the store.
 */
abstract class HostileInputCorpusContract {

    private static final Logger log = LoggerFactory.getLogger(HostileInputCorpusContract.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** For the corpus: a new connection per request, as a hostile client would not reuse one politely. */
    private final HttpClient fresh = HttpClient.create().keepAlive(false).responseTimeout(Duration.ofSeconds(60));
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** What the corpus found: answers by status, and every answer that broke a rule. */
    record Outcome(int requests, Map<Integer, Integer> byStatus, List<String> failures) {
    }

    /** Founds the coalition the corpus is built against, with its existing record and batch. */
    String prepare(int port) throws IOException, InterruptedException {
        String coalition = ApiFixtures.freshId("hostile");
        created(port, "/api/v1/coalitions", ApiFixtures.foundCoalition(coalition));
        created(port, "/api/v1/coalitions/" + coalition + "/arrests",
                ApiFixtures.arrest(coalition + "-existing", "2020-02-01", 2));
        created(port, "/api/v1/coalitions/" + coalition + "/takedown-batches",
                ApiFixtures.takedownBatch(coalition + "-batch", "2020-02-01", "2020-03-01", 5));
        return coalition;
    }

    Outcome run(String coalition, List<Integer> ports, JdbcTemplate jdbc) {
        List<HostileInputCorpus.Request> corpus = HostileInputCorpus.against(coalition, coalition + "-existing",
                coalition + "-batch");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> perNode = new TreeMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            // Round robin: the nodes share the corpus, each request goes to one of them.
            HostileInputCorpus.Request request = corpus.get(i);
            int port = ports.get(i % ports.size());
            perNode.merge(port, 1, Integer::sum);
            long before = EventStoreRows.count(jdbc);
            String problem = check(port, request, byStatus);
            long after = EventStoreRows.count(jdbc);
            if (after != before) {
                problem = (problem == null ? "" : problem + "; ") + (after - before) + " event(s) recorded";
            }
            if (problem != null) {
                failures.add("node :" + port + " " + request + ": " + problem);
            }
        }
        log.info("hostile-input corpus: {} requests (by node {}), answers by status {}, {} failures", corpus.size(),
                perNode, byStatus, failures.size());
        return new Outcome(corpus.size(), byStatus, failures);
    }

    /** Sends one request, on a connection of its own; null when its answer is a proper refusal, else what is wrong. */
    private String check(int port, HostileInputCorpus.Request request, Map<Integer, Integer> byStatus) {
        Answer answer;
        try {
            answer = request.body() != null && request.body().length > OVERSIZE
                    ? sendKeepingTheConnection(port, request) : sendOnAFreshConnection(port, request);
        } catch (RuntimeException | IOException e) {
            byStatus.merge(-1, 1, Integer::sum);
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = answer.status();
        byStatus.merge(status, 1, Integer::sum);
        if (status < 400 || status >= 500) {
            return "answered " + status + ": " + abbreviate(answer.body());
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "answered " + status + " as '" + answer.contentType() + "': " + abbreviate(answer.body());
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (!body.path("code").isString() || body.path("code").asString().isBlank()
                    || body.path("status").asInt() != status) {
                return "answered " + status + " without a code or with another status: " + abbreviate(answer.body());
            }
        } catch (RuntimeException e) {
            return "answered " + status + " with a body that is not JSON: " + abbreviate(answer.body());
        }
        return null;
    }

    /** Bodies larger than this go over a kept connection: see {@link #sendKeepingTheConnection}. */
    private static final int OVERSIZE = 1024 * 1024;

    private Answer sendOnAFreshConnection(int port, HostileInputCorpus.Request request) {
        HttpClient client = fresh.headers(h -> {
            if (request.token() != null) {
                h.set("Authorization", "Bearer " + request.token());
            }
            if (request.contentType() != null) {
                h.set("Content-Type", request.contentType());
            }
            request.headers().forEach(h::set);
        });
        var sender = client.request(HttpMethod.valueOf(request.method()))
                .uri("http://127.0.0.1:" + port + request.path());
        var receiver = request.body() == null ? sender
                : sender.send(Mono.just(Unpooled.wrappedBuffer(request.body())));
        return receiver.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(),
                                response.responseHeaders().get("Content-Type", ""), text)))
                .block(Duration.ofSeconds(90));
    }

    /**
     * An oversized body is answered (413) before the client has sent all of it; on a connection the client asked to
     * close, the server's close can overtake that answer, so such a request goes over a kept connection.
     */
    private Answer sendKeepingTheConnection(int port, HostileInputCorpus.Request request)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(90))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.token() != null) {
            builder.header("Authorization", "Bearer " + request.token());
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private record Answer(int status, String contentType, String body) {
    }

    private void created(int port, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TestTokens.ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
    }

    /** The corpus is large enough, and every request of it was refused properly by every node. */
    static void assertAllRefused(Outcome outcome) {
        assertThat(outcome.requests()).isGreaterThanOrEqualTo(300);
        assertThat(outcome.failures()).as("answers that were not a 4xx problem with a code, or that recorded "
                + "something (%d of %d)", outcome.failures().size(), outcome.requests()).isEmpty();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
