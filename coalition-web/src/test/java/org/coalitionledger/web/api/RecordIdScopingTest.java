package org.coalitionledger.web.api;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.LedgerMetadata;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RecordIds;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.commands.CommandLineParser;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Record ids belong to their coalition: another coalition may use the same id for its own record, can neither correct
 * nor retract nor read someone else's record through its own coalition, and learns nothing about it. Records made
 * before ids were scoped (legacy {@code record:<recordId>} streams, written here as the ledger wrote them then) stay
 * readable, correctable and retractable by their own coalition, and re-importing them records nothing.
 */
@LedgerApplicationTest
class RecordIdScopingTest {

    static final String C = "/api/v1/coalitions/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ObjectMapper mapper;

    WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    WebTestClient.ResponseSpec post(String path, String json) {
        return client(TestTokens.ADMIN).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange();
    }

    String founded(String prefix) {
        String id = ApiFixtures.freshId(prefix);
        post("/api/v1/coalitions", ApiFixtures.foundCoalition(id)).expectStatus().isCreated();
        return id;
    }

    /** A refused write: its status and code, as problem+json, and not one event more in the store. */
    void refused(String path, String json, int status, String code) {
        long before = EventStoreRows.count(jdbc);
        post(path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    long streamLength(String stream) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, stream);
    }

    JsonNode recordEvents(String path) {
        return client(TestTokens.AUDITOR).get().uri(path).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Waits for the coalition's views to count {@code arrests} arrests since founding. */
    void awaitArrests(String coalition, long arrests) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode rows = client(TestTokens.PARTNER).get().uri(C + coalition + "/year-over-year").exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().path("rows");
            assertThat(rows.get(rows.size() - 1).path("cumulative").path("arrests").asLong()).isEqualTo(arrests);
        });
    }

    /** Appends an event to a legacy record stream, as the ledger did before record ids were scoped. */
    void recordedBeforeScoping(String recordId, Object event) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("FigureRecord", RecordIds.legacyAggregateId(recordId), 0, event,
                        MetaData.with(LedgerMetadata.ACTOR, "admin").and(LedgerMetadata.ACTOR_ROLE, "ADMIN")
                                .and(LedgerMetadata.REQUEST_ID, "before-scoping-" + recordId))));
    }

    @Test
    void recordArrest_accepted_whenAnotherCoalitionUsedTheSameId_andEachSeesOnlyItsOwn() {
        String a = founded("scope-a");
        String b = founded("scope-b");
        String shared = "shared-" + a;
        post(C + a + "/arrests", ApiFixtures.arrest(shared, "2020-02-01", 3)).expectStatus().isCreated();
        long before = EventStoreRows.count(jdbc);

        // B uses A's id: its own record (201), on its own stream, never RECORD_CONFLICT.
        post(C + b + "/arrests", ApiFixtures.arrest(shared, "2020-03-01", 7)).expectStatus().isCreated()
                .expectHeader().location(C + b + "/records/" + shared + "/events");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before + 1);
        assertThat(streamLength(RecordIds.aggregateId(a, shared))).isEqualTo(1);
        assertThat(streamLength(RecordIds.aggregateId(b, shared))).isEqualTo(1);
        assertThat(streamLength(RecordIds.legacyAggregateId(shared))).isZero();

        awaitArrests(a, 3);
        awaitArrests(b, 7);

        // Each coalition's record history holds its own events only.
        JsonNode ofB = recordEvents(C + b + "/records/" + shared + "/events");
        assertThat(ofB.path("events").size()).isEqualTo(1);
        assertThat(ofB.path("events").get(0).path("aggregateId").asString()).isEqualTo("record:" + b + ":" + shared);
        assertThat(ofB.path("events").get(0).path("payload").path("coalitionId").asString()).isEqualTo(b);
        assertThat(ofB.path("events").get(0).path("payload").path("count").asLong()).isEqualTo(7);
        JsonNode ofA = recordEvents(C + a + "/records/" + shared + "/events");
        assertThat(ofA.path("events").get(0).path("payload").path("coalitionId").asString()).isEqualTo(a);
        // The unscoped route serves only records from before scoping: this one is not one of them.
        client(TestTokens.AUDITOR).get().uri("/api/v1/records/" + shared + "/events").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("RECORD_NOT_FOUND");
    }

    @Test
    void correctAndRetract_rejected404_forAnotherCoalitionsRecord_andNothingIsWritten() {
        String a = founded("scope-a");
        String b = founded("scope-b");
        String scoped = "scoped-" + a;
        post(C + a + "/arrests", ApiFixtures.arrest(scoped, "2020-02-01", 3)).expectStatus().isCreated();
        String legacy = "legacy-" + a;
        recordedBeforeScoping(legacy, new ArrestRecordedEvent(a, legacy, java.time.LocalDate.of(2020, 2, 2), 4,
                "CN", "Police", "test scope", "test source"));

        for (String record : List.of(scoped, legacy)) {
            refused(C + b + "/records/" + record + "/corrections", "{\"count\": 9, \"reason\": \"r\"}", 404,
                    "RECORD_NOT_FOUND");
            refused(C + b + "/records/" + record + "/retraction", "{\"reason\": \"r\"}", 404, "RECORD_NOT_FOUND");
            client(TestTokens.AUDITOR).get().uri(C + b + "/records/" + record + "/events").exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("RECORD_NOT_FOUND");
        }
        // Unknown to B, the same as an id nobody used.
        refused(C + b + "/records/never-used/corrections", "{\"count\": 9, \"reason\": \"r\"}", 404,
                "RECORD_NOT_FOUND");
        awaitArrests(a, 7);
    }

    @Test
    void legacyRecord_correctableAndRetractable_byItsOwnCoalition_onItsLegacyStream() {
        String a = founded("legacy");
        String legacy = "legacy-" + a;
        recordedBeforeScoping(legacy, new ArrestRecordedEvent(a, legacy, java.time.LocalDate.of(2020, 2, 2), 4,
                "CN", "Police", "test scope", "test source"));

        // Recording it again is a repeat: nothing recorded, and no scoped twin appears.
        long before = EventStoreRows.count(jdbc);
        post(C + a + "/arrests", ApiFixtures.arrest(legacy, "2020-02-02", 4))
                .expectStatus().isOk();
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        refused(C + a + "/arrests", ApiFixtures.arrest(legacy, "2020-02-02", 5), 409, "RECORD_CONFLICT");

        post(C + a + "/records/" + legacy + "/corrections", "{\"count\": 6, \"reason\": \"recount\"}")
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"");
        assertThat(streamLength(RecordIds.legacyAggregateId(legacy))).isEqualTo(2);
        assertThat(streamLength(RecordIds.aggregateId(a, legacy))).isZero();
        awaitArrests(a, 6);

        // Its history reads the same through its coalition and through the unscoped route.
        JsonNode scopedRoute = recordEvents(C + a + "/records/" + legacy + "/events");
        JsonNode unscopedRoute = recordEvents("/api/v1/records/" + legacy + "/events");
        assertThat(scopedRoute.path("events").size()).isEqualTo(2);
        assertThat(scopedRoute.path("events")).isEqualTo(unscopedRoute.path("events"));
        assertThat(scopedRoute.path("events").get(1).path("aggregateId").asString()).isEqualTo("record:" + legacy);

        post(C + a + "/records/" + legacy + "/retraction", "{\"reason\": \"duplicate\"}").expectStatus().isCreated();
        assertThat(streamLength(RecordIds.legacyAggregateId(legacy))).isEqualTo(3);
        awaitArrests(a, 0);
    }

    @Test
    void firstYearHistory_onLegacyStreams_reimportRecordsNothing_andItsRecordsStayCorrectable() throws Exception {
        String coalition = ApiFixtures.freshId("first-year");
        CommandLineParser parser = new CommandLineParser(mapper);
        String history = new ClassPathResource("history/first-year.ndjson").getContentAsString(StandardCharsets.UTF_8)
                .replace("\"coalitionId\": \"cewto\"", "\"coalitionId\": \"" + coalition + "\"")
                .replace("\"first-year-china-", "\"" + coalition + "-china-");
        // The ledger as it stood before record ids were scoped: the coalition's stream, and each record on its
        // legacy stream.
        StringBuilder coalitionLines = new StringBuilder();
        for (String line : history.lines().filter(l -> !l.isBlank()).toList()) {
            Object command = parser.parse(line);
            if (command instanceof RecordTakedownBatchCommand c) {
                recordedBeforeScoping(c.batchId(), new TakedownBatchRecordedEvent(c.coalitionId(), c.batchId(),
                        TakedownBatchRecordedEvent.ReportedBy.of(c.reporter()), c.periodStart(), c.periodEnd(), c.listingsRemoved(), c.adsBlocked(), c.accountsRemoved(), c.categories(),
                        c.scope(), c.source()));
            } else if (command instanceof RecordArrestCommand c) {
                recordedBeforeScoping(c.recordId(), new ArrestRecordedEvent(c.coalitionId(), c.recordId(), c.date(),
                        c.count(), c.jurisdiction(), c.agency(), c.scope(), c.source()));
            } else if (command instanceof RecordConfiscationCommand c) {
                recordedBeforeScoping(c.recordId(), new ConfiscationRecordedEvent(c.coalitionId(), c.recordId(),
                        c.date(), c.amount(), c.currency(), c.usdRate(), c.rateDate(), c.rateSource(),
                        c.jurisdiction(), c.scope(), c.source()));
            } else {
                coalitionLines.append(line).append('\n');
            }
        }
        importLines(coalition, coalitionLines.toString()).expectStatus().isCreated();
        awaitArrests(coalition, 129);

        // Re-importing the whole history records nothing: every record line finds its legacy stream.
        long before = EventStoreRows.count(jdbc);
        importLines(coalition, history).expectStatus().isOk().expectBody()
                .jsonPath("$.recorded").isEqualTo(0)
                .jsonPath("$.rejected").isEqualTo(0);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ?",
                Long.class, "record:" + coalition + ":%")).isZero();

        // A first-year record is still correctable, on its legacy stream.
        post(C + coalition + "/records/" + coalition + "-china-arrests/corrections",
                "{\"count\": 130, \"reason\": \"one more arrest reported late\"}").expectStatus().isCreated();
        assertThat(streamLength(RecordIds.legacyAggregateId(coalition + "-china-arrests"))).isEqualTo(2);
        awaitArrests(coalition, 130);
    }

    WebTestClient.ResponseSpec importLines(String coalition, String ndjson) {
        return client(TestTokens.ADMIN).post().uri(C + coalition + "/imports")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).bodyValue(ndjson).exchange();
    }
}
