package org.coalitionledger.web.request;

import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With JSON logs on (the {@code postgres} profile's setting, {@code logging.structured.format.console: ecs}), the
 * lines written while serving a request carry its id and the person as JSON fields: the access line, the command
 * side's lines and the problem's. Its own context (and H2 database): the logging setting is the application's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coalition.data-dir=./target/test-data/json-logs-${random.uuid}",
                "coalition.first-year-history.enabled=false",
                "logging.structured.format.console=ecs"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final String COALITIONS = "/api/v1/coalitions";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /**
     * Boot sets logging up once in a JVM whose test contexts stay cached: mark it undone, so that this context's start
     * sets it up again with JSON lines.
     */
    @BeforeAll
    static void loggingSetUpByThisContext() {
        LoggingSystem.get(StructuredLogsTest.class.getClassLoader()).cleanUp();
    }

    /** And again for the contexts that start later, with readable lines (Boot keeps the format in a system property). */
    @AfterAll
    static void readableLinesForLaterContexts() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        LoggingSystem.get(StructuredLogsTest.class.getClassLoader()).cleanUp();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The JSON lines of the captured output (other output, such as a test framework's, is skipped). */
    private static List<JsonNode> jsonLines(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
    }

    /** Waits for the line: the access line is written when the response is complete, after the client has it. */
    private static JsonNode awaitLine(CapturedOutput output, Predicate<JsonNode> wanted) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> jsonLines(output).stream().filter(wanted).findFirst().orElse(null), line -> line != null);
    }

    private static Predicate<JsonNode> accessLineOf(String requestId) {
        return line -> line.path("log").path("logger").asString("").equals(AccessLog.class.getName())
                && line.path("requestId").asString("").equals(requestId);
    }

    @Test
    void write_accepted_logsJsonLinesWithTheRequestAndThePerson(CapturedOutput output) {
        String id = ApiFixtures.freshId("logs");
        String requestId = client().post().uri(COALITIONS + "?note=secret-query")
                .header("Authorization", "Bearer " + TestTokens.ADMIN)
                .header(RequestIds.HEADER, "test-req-123")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(id))
                .exchange().expectStatus().isCreated()
                .expectHeader().exists(RequestIds.HEADER)
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);

        JsonNode access = awaitLine(output, accessLineOf(requestId));
        assertThat(access.path("clientRequestId").asString()).isEqualTo("test-req-123");
        assertThat(access.path("person").asString()).isEqualTo("admin");
        assertThat(access.path("role").asString()).isEqualTo("ADMIN");
        assertThat(access.path("credentialId").asString()).isEqualTo("bootstrap:ADMIN");
        assertThat(access.path("http").path("request").path("method").asString()).isEqualTo("POST");
        assertThat(access.path("http").path("response").path("status_code").asInt()).isEqualTo(201);
        assertThat(access.path("url").path("path").asString()).isEqualTo(COALITIONS);
        assertThat(access.path("event").path("duration").asLong()).isPositive();
        assertThat(access.path("ecs").path("version").isString()).isTrue();

        List<JsonNode> command = jsonLines(output).stream()
                .filter(line -> line.path("requestId").asString("").equals(requestId))
                .filter(line -> line.path("log").path("logger").asString("").startsWith("org.coalitionledger.command"))
                .toList();
        assertThat(command).isNotEmpty();
        assertThat(command).allSatisfy(line -> {
            assertThat(line.path("person").asString()).isEqualTo("admin");
            assertThat(line.path("role").asString()).isEqualTo("ADMIN");
            assertThat(line.path("clientRequestId").asString()).isEqualTo("test-req-123");
        });
        assertThat(command).anySatisfy(line ->
                assertThat(line.path("message").asString()).contains("FoundCoalitionCommand", "handled"));

        assertThat(output.getAll()).doesNotContain(TestTokens.ADMIN).doesNotContain("secret-query");
    }

    @Test
    void write_rejected_409_theProblemAndTheCommandsRejectionCarryTheRequest(CapturedOutput output) {
        String id = ApiFixtures.freshId("logs");
        found(id, ApiFixtures.foundCoalition(id)).expectStatus().isCreated();
        String requestId = found(id, ApiFixtures.foundCoalition(id).replace("Test coalition", "Other coalition"))
                .expectStatus().isEqualTo(409)
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);

        JsonNode access = awaitLine(output, accessLineOf(requestId));
        assertThat(access.path("http").path("response").path("status_code").asInt()).isEqualTo(409);
        assertThat(access.path("problemCode").asString()).isNotBlank();
        assertThat(access.path("person").asString()).isEqualTo("admin");
        assertThat(jsonLines(output)).anySatisfy(line -> {
            assertThat(line.path("requestId").asString("")).isEqualTo(requestId);
            assertThat(line.path("person").asString("")).isEqualTo("admin");
            assertThat(line.path("message").asString()).contains("FoundCoalitionCommand", "rejected",
                    access.path("problemCode").asString());
        });
        assertThat(output.getAll()).doesNotContain(TestTokens.ADMIN);
    }

    private WebTestClient.ResponseSpec found(String id, String body) {
        return client().post().uri(COALITIONS).header("Authorization", "Bearer " + TestTokens.ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void consoleLines_writtenByTheConsolesOwnThread_neverByTheThreadThatLogs() {
        // Access lines are logged on Netty's event loop, which must never wait for stdout (config.AsyncConsoleLogging).
        String marker = "console-thread-" + UUID.randomUUID();
        AtomicReference<String> writer = new AtomicReference<>();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (new String(bytes, offset, length, StandardCharsets.UTF_8).contains(marker)) {
                    writer.set(Thread.currentThread().getName());
                }
            }
        }, true));
        try {
            LoggerFactory.getLogger(StructuredLogsTest.class).info("{}", marker);
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.get() != null);
        } finally {
            System.setOut(original);
        }
        assertThat(writer.get()).isNotEqualTo(Thread.currentThread().getName()).startsWith("AsyncAppender-Worker");
    }

    @Test
    void anonymousRequest_accessLineNamesNoPerson(CapturedOutput output) {
        String publicRead = client().get().uri("/api/v1/audit/public-key").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        String refused = client().get().uri(COALITIONS).exchange().expectStatus().isUnauthorized()
                .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);

        JsonNode anonymous = awaitLine(output, accessLineOf(publicRead));
        assertThat(anonymous.has("person")).isFalse();
        assertThat(anonymous.has("role")).isFalse();
        JsonNode unauthenticated = awaitLine(output, accessLineOf(refused));
        assertThat(unauthenticated.has("person")).isFalse();
        assertThat(unauthenticated.path("http").path("response").path("status_code").asInt()).isEqualTo(401);
        assertThat(unauthenticated.path("problemCode").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void hostileRequestId_replacedByTheServersOwn_andNeverLogged(CapturedOutput output) {
        for (String hostile : new String[]{"r".repeat(129), "x\"}{\"person\":\"root", "a' OR 'hostile'='hostile"}) {
            String requestId = client().get().uri(COALITIONS)
                    .header("Authorization", "Bearer " + TestTokens.PARTNER)
                    .header(RequestIds.HEADER, hostile).exchange()
                    .expectStatus().isBadRequest()
                    .returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
            assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
            JsonNode access = awaitLine(output, accessLineOf(requestId));
            assertThat(access.has("clientRequestId")).isFalse();
            assertThat(access.path("problemCode").asString()).isEqualTo("INVALID_REQUEST_ID");
            assertThat(output.getAll()).doesNotContain(hostile);
        }
    }

    @Test
    void requestIdWithALineBreak_isNeverLogged(CapturedOutput output) throws IOException {
        // A folded header line: the client's value goes on after a line break (what a log injection would send).
        String request = "GET " + COALITIONS + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestTokens.PARTNER + "\r\n"
                + "X-Request-Id: line-one\r\n {\"person\":\"injected-root\"}\r\n"
                + "Connection: close\r\n\r\n";
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertThat(response).startsWith("HTTP/1.1 400");
        String requestId = response.lines().filter(line -> line.regionMatches(true, 0, "X-Request-Id:", 0, 13))
                .map(line -> line.substring(13).strip()).findFirst().orElseThrow();
        JsonNode access = awaitLine(output, accessLineOf(requestId));
        assertThat(access.has("clientRequestId")).isFalse();
        assertThat(access.path("problemCode").asString()).isEqualTo("INVALID_REQUEST_ID");
        assertThat(output.getAll()).doesNotContain("injected-root").doesNotContain("line-one");
    }
}
