package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerProcess;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database: the log's single segment is held by one of them, so the other holds no
 * segment of that processor. Both are ready all the same (the processors' lag is the ledger's, read from the token
 * store) and both are live. Real processes, as the other multi-node tests.
 */
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
class PostgresTwoNodeProbesTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<LedgerProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (LedgerProcess node : nodes) {
            node.destroy();
        }
    }

    @Test
    void readiness_up_onTheNodeThatHoldsNoSegmentOfTheLog() throws Exception {
        String database = LedgerProcess.freshDatabase("probes_nodes");
        Path dataDir = Path.of("target", "test-data", "probe-nodes-" + UUID.randomUUID()).toAbsolutePath();
        LedgerProcess first = LedgerProcess.start("node-1", database, dataDir);
        nodes.add(first);
        LedgerProcess second = LedgerProcess.start("node-2", database, dataDir);
        nodes.add(second);
        HttpResponse<String> founded = http.send(first.request("/api/v1/coalitions", LedgerProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixtures.foundCoalition(ApiFixtures.freshId("nodes"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(founded.statusCode()).as(founded.body()).isEqualTo(201);

        String logOwner = await("one node holds the log's segment").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> owner(database, "audit-log"), o -> o != null);
        LedgerProcess idle = logOwner.startsWith(first.tokenOwnerPrefix()) ? second : first;
        assertThat(logOwner).doesNotStartWith(idle.tokenOwnerPrefix());

        for (LedgerProcess node : nodes) {
            JsonNode ready = await("readiness of " + node.name()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> probe(node, Probes.READINESS), r -> r != null);
            assertThat(ready.path("status").asString()).as(node.name()).isEqualTo("UP");
            assertThat(ready.path("components").path("processorLag").path("status").asString()).isEqualTo("UP");
            assertThat(probe(node, Probes.LIVENESS)).as("liveness of %s", node.name()).isNotNull();
        }
        // Still true of the idle node after the log has moved on, not only at one lucky moment.
        JsonNode ready = probe(idle, Probes.READINESS);
        assertThat(ready).as("readiness of the node without the log's segment").isNotNull();
        for (JsonNode processor : ready.path("components").path("processorLag").path("details").path("processors")) {
            assertThat(processor.path("lagging").asBoolean()).as(processor.toString()).isFalse();
        }
    }

    /** The probe's answer as an administrator sees it when it is 200, else null. */
    private JsonNode probe(LedgerProcess node, String probe) throws Exception {
        HttpResponse<String> response = http.send(node.request(probe, LedgerProcess.ADMIN_TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    private static String owner(String database, String processor) throws Exception {
        try (Connection connection = LedgerProcess.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select owner from token_entry where processor_name = '" + processor + "'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
