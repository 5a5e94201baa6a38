package org.coalitionledger.web.evolution;

import org.coalitionledger.api.reporting.RecordIds;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleReader;
import org.coalitionledger.audit.verifier.BundleVerification;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that changed shape: {@code TakedownBatchRecordedEvent} rows stored at revision 1 (JSON fixtures of stored
 * rows, inserted as raw rows into the event store) are folded into the same views as the same facts recorded today at
 * revision 2, by the live projection and by the log's "as recorded at" fold; the command side reads them back (a
 * repeat is recognised, a correction applies); and the offline verifier verifies a bundle holding both shapes.
 */
abstract class EventEvolutionContract {

    private static final String TYPE = "org.coalitionledger.api.reporting.TakedownBatchRecordedEvent";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                // The bundle of the whole shared test ledger is larger than the client's default buffer.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    private String foundCoalition(String prefix) {
        String id = ApiFixtures.freshId(prefix);
        client(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return client(TestTokens.ADMIN).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private static String ngoBatch(String batchId) {
        return """
                {"batchId": "%s", "reporter": {"type": "NGO", "memberId": null, "name": "WWF"},
                 "periodStart": "2020-02-01", "periodEnd": "2020-02-28", "listingsRemoved": 700, "adsBlocked": 30,
                 "accountsRemoved": 2, "categories": ["pangolin"], "scope": "test scope", "source": "test source"}
                """.formatted(batchId);
    }

    /** Inserts the fixture's stored rows, as they are, for this coalition and these batch ids. */
    private void insertRevision1Rows(String coalitionId, String ngoBatch, String memberBatch) throws IOException {
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/takedown-batches-revision-1.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__COALITION__", coalitionId)
                    .replace("__NGO_BATCH__", ngoBatch).replace("__MEMBER_BATCH__", memberBatch);
        }
        boolean postgres = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName())
                .equals("PostgreSQL");
        for (JsonNode row : AuditJson.mapper().readTree(fixture)) {
            long globalIndex = jdbc.queryForObject(postgres ? "select nextval('domain_event_entry_seq')"
                    : "select next value for domain_event_entry_seq", Long.class);
            jdbc.update("insert into domain_event_entry (global_index, event_identifier, meta_data, payload, "
                            + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, "
                            + "type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", globalIndex,
                    UUID.randomUUID().toString(), row.get("metaData").toString().getBytes(StandardCharsets.UTF_8),
                    row.get("payload").toString().getBytes(StandardCharsets.UTF_8),
                    row.get("payloadRevision").asString(), row.get("payloadType").asString(),
                    Instant.now().toString(), row.get("aggregateIdentifier").asString(),
                    row.get("sequenceNumber").asLong(), row.get("aggregateType").asString());
        }
    }

    private JsonNode view(String coalitionId, String view) {
        return client(TestTokens.PARTNER).get().uri("/api/v1/coalitions/" + coalitionId + view).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /**
     * The view with what differs between two coalitions recording the same facts taken out (the coalition's id; a
     * restatement's event id and record time), so their views can be compared.
     */
    private static JsonNode withoutId(JsonNode view) {
        ObjectNode copy = (ObjectNode) view.deepCopy();
        copy.remove("coalitionId");
        copy.path("restatements").forEach(r -> ((ObjectNode) r).remove(List.of("eventId", "recordedAt")));
        return copy;
    }

    /** Pairs of (today's record id, the old one), replaced in today's views to compare them with the old ones'. */
    private List<String> ids = List.of();

    private String asOld(JsonNode todayView) {
        String text = withoutId(todayView).toString();
        for (int i = 0; i < ids.size(); i += 2) {
            text = text.replace(ids.get(i), ids.get(i + 1));
        }
        return text;
    }

    private static long listings(JsonNode yearOverYear) {
        JsonNode rows = yearOverYear.path("rows");
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).path("cumulative").path("listingsRemoved").asLong();
    }

    @Test
    void revision1Rows_foldIntoTheSameViews_asTheSameFactsRecordedToday_andTheBundleVerifies() throws IOException {
        String old = foundCoalition("evolve-old");
        String today = foundCoalition("evolve-today");
        String ngo = ApiFixtures.freshId("ngo");
        String member = ApiFixtures.freshId("member");
        // The same facts today get ids of their own, so the two coalitions' records are told apart in the bundle.
        String ngoToday = ApiFixtures.freshId("ngo");
        String memberToday = ApiFixtures.freshId("member");
        ids = List.of(ngoToday, ngo, memberToday, member);

        insertRevision1Rows(old, ngo, member);
        post("/api/v1/coalitions/" + today + "/takedown-batches", ngoBatch(ngoToday)).expectStatus().isCreated();
        post("/api/v1/coalitions/" + today + "/takedown-batches",
                ApiFixtures.takedownBatch(memberToday, "2020-02-01", "2020-02-28", 40)).expectStatus().isCreated();
        assertThat(jdbc.queryForList("select payload_revision from domain_event_entry where payload_type = ? "
                        + "and aggregate_identifier in (?, ?) order by global_index", String.class, TYPE,
                "record:" + ngo, "record:" + member)).containsExactly("1", "1");
        assertThat(jdbc.queryForList("select payload_revision from domain_event_entry where payload_type = ? "
                        + "and aggregate_identifier in (?, ?) order by global_index", String.class, TYPE,
                RecordIds.aggregateId(today, ngoToday), RecordIds.aggregateId(today, memberToday)))
                .containsExactly("2", "2");

        // The live projection folds both shapes alike.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                // 404 until the views have folded the coalition
                .ignoreExceptionsInstanceOf(AssertionError.class).until(() ->
                listings(view(old, "/year-over-year")) == 740 && listings(view(today, "/year-over-year")) == 740);
        for (String v : List.of("/year-over-year", "/year-over-year?basis=calendar-year", "/restatements")) {
            assertThat(withoutId(view(old, v)).toString()).as(v).isEqualTo(asOld(view(today, v)));
        }
        JsonNode row = view(old, "/year-over-year").path("rows").get(0);
        assertThat(row.path("byReporter").path("NGO:WWF").path("listingsRemoved").asLong()).isEqualTo(700);
        assertThat(row.path("byReporter").path("MEMBER:acme").path("listingsRemoved").asLong()).isEqualTo(40);

        // The command side reads the old shape: the same batch again is a repeat, and a correction applies.
        post("/api/v1/coalitions/" + old + "/takedown-batches",
                ApiFixtures.takedownBatch(member, "2020-02-01", "2020-02-28", 40)).expectStatus().isOk();
        String correction = "{\"listingsRemoved\": 45, \"adsBlocked\": 10, \"accountsRemoved\": 5, "
                + "\"reason\": \"recount\"}";
        post("/api/v1/coalitions/" + old + "/records/" + member + "/corrections", correction)
                .expectStatus().isCreated();
        post("/api/v1/coalitions/" + today + "/records/" + memberToday + "/corrections", correction)
                .expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                listings(view(old, "/year-over-year")) == 745 && listings(view(today, "/year-over-year")) == 745);
        assertThat(withoutId(view(old, "/restatements")).toString()).isEqualTo(asOld(view(today, "/restatements")));

        // The log's fold ("as recorded at", what the verifier does) reads the old shape through the same upcaster.
        LogCatchUp.await(jdbc);
        String now = "?recordedAt=" + Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                listings(view(old, "/year-over-year" + now)) == 745);
        assertThat(withoutId(view(old, "/year-over-year" + now)).toString()).isEqualTo(asOld(view(today, "/year-over-year" + now)));

        // The event history shows the event in its current shape.
        JsonNode history = client(TestTokens.AUDITOR).get().uri("/api/v1/records/" + ngo + "/events").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(history.path("events").get(0).path("payload").path("reporter").path("name").asString())
                .isEqualTo("WWF");

        // A bundle holding both shapes verifies offline, views included.
        client(TestTokens.ADMIN).post().uri("/api/v1/audit/checkpoints").exchange().expectStatus().is2xxSuccessful();
        byte[] bundle = client(TestTokens.AUDITOR).get().uri("/api/v1/audit/bundle").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        List<String> revisions = new ArrayList<>();
        BundleReader.read(new ByteArrayInputStream(bundle), header -> { }, entry -> {
            if (entry.event() != null && TYPE.equals(entry.event().payloadType())
                    && List.of("record:" + ngo, "record:" + member, RecordIds.aggregateId(today, ngoToday),
                    RecordIds.aggregateId(today, memberToday)).contains(entry.event().aggregateId())) {
                revisions.add(entry.event().payloadRevision());
            }
        });
        assertThat(revisions).as("both shapes in one bundle").containsExactlyInAnyOrder("1", "1", "2", "2");
        BundleVerification.Report report = BundleVerification.verify(new ByteArrayInputStream(bundle),
                firstKey(), null, line -> { });
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
    }

    /** The log's first signing key, the one an auditor keeps (later keys are introduced by it, in the bundle). */
    private NoteVerifierKey firstKey() {
        JsonNode keys = client(TestTokens.AUDITOR).get().uri("/api/v1/audit/keys").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<KeyChain.Link> links = AuditJson.mapper().convertValue(keys.get("keys"),
                AuditJson.mapper().getTypeFactory().constructCollectionType(List.class, KeyChain.Link.class));
        return NoteVerifierKey.parse(links.get(0).verifierKey());
    }
}
