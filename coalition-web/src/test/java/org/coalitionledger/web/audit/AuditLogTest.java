package org.coalitionledger.web.audit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LeafEncoding;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleReader;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.verifier.BundleVerification;
import org.coalitionledger.log.AuditLogProcessor;
import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.web.audit.AuditTestSupport.admin;
import static org.coalitionledger.web.audit.AuditTestSupport.auditor;
import static org.coalitionledger.web.audit.AuditTestSupport.awaitLogCaughtUp;
import static org.coalitionledger.web.audit.AuditTestSupport.get;

/** The log, its checkpoints, keys, proofs, verification, bundles and the views it defines, in the running app (H2). */
@LedgerApplicationTest
class AuditLogTest {

    private static final String ORIGIN = "coalition-ledger/audit-log";

    @LocalServerPort
    int port;
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLogStore store;
    @Autowired
    AuditLogProcessor processor;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @BeforeEach
    void client() {
        client = AuditTestSupport.client(port);
    }

    @Test
    void log_holdsEveryStoredEvent_asDenseV2Leaves_boundToTheirPositions_inLogTimeOrder() {
        long size = awaitLogCaughtUp(jdbc);
        assertThat(size).isGreaterThanOrEqualTo(37);
        List<LogLeaf> leaves = store.leaves(0, size);
        Instant previous = Instant.MIN;
        for (int i = 0; i < leaves.size(); i++) {
            LogLeaf leaf = leaves.get(i);
            assertThat(leaf.leafIndex()).isEqualTo(i);
            assertThat(leaf.version()).isEqualTo(2);
            StoredEvent row = store.storedEvent(leaf.globalIndex()).orElseThrow();
            assertThat(row.eventId()).isEqualTo(leaf.eventId());
            assertThat(leaf.leafHash()).as("leaf %d", i)
                    .isEqualTo(LeafEncoding.leafHashV2(row, leaf.loggedAt()));
            Instant loggedAt = LogTime.parse(leaf.loggedAt());
            assertThat(loggedAt).isAfterOrEqualTo(previous);
            previous = loggedAt;
        }
    }

    @Test
    void leafTable_refusesASecondLeafForALoggedEvent_orAnIndexGivenBefore() {
        awaitLogCaughtUp(jdbc);
        LogLeaf first = store.leaves(0, 1).get(0);
        long next = store.head().nextLeafIndex();
        byte[] hash = new byte[32];
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(next, first.globalIndex(), "another-event", hash),
                null)).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(next, -7, first.eventId(), hash), null))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(0, -7, "another-event", hash), null))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void processor_skipsAnEventItLoggedBefore_andRefusesOneWithNoStoredRow() {
        long size = awaitLogCaughtUp(jdbc);
        LogLeaf leaf = store.leaves(3, 4).get(0);
        var again = new GenericEventMessage<>(leaf.eventId(), "payload", MetaData.emptyInstance(), Instant.now());

        processor.append(again);
        assertThat(store.leafOfEvent(leaf.eventId())).contains(leaf);

        var stranger = new GenericEventMessage<>("not-a-stored-event", "payload", MetaData.emptyInstance(),
                Instant.now());
        assertThatThrownBy(() -> processor.append(stranger))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event not-a-stored-event was delivered but has no row in the event store");
        assertThat(store.leafOfEvent("not-a-stored-event")).isEmpty();
        assertThat(size).isPositive();
    }

    @Test
    void checkpointAndKeys_arePublic_signingIsTheAdministrators_andProofsVerifyAgainstIt() throws Exception {
        long size = awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(auditor()).exchange().expectStatus().isForbidden();
        JsonNode signed = json(client.post().uri("/api/v1/audit/checkpoints").headers(admin()), 200, 201);
        assertThat(signed.get("treeSize").asLong()).isGreaterThanOrEqualTo(size);

        // No token: the transparency surface.
        String note = client.get().uri("/api/v1/audit/checkpoint").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectHeader().valueMatches("Cache-Control", ".*public.*")
                .expectBody(String.class).returnResult().getResponseBody();
        KeyChain chain = trustedChain();
        Checkpoint checkpoint = chain.open(note, ORIGIN);
        assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(size);
        client.get().uri("/api/v1/audit/public-key").accept(MediaType.TEXT_PLAIN).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/audit/leaves").exchange().expectStatus().isUnauthorized();

        long treeSize = checkpoint.treeSize();
        JsonNode inclusion = json(get(client, "/api/v1/audit/proofs/inclusion?leaf=5&treeSize=" + treeSize), 200);
        assertThat(ProofVerifier.verifyInclusion(unhex(inclusion.get("leafHash").asString()), 5, treeSize,
                hashes(inclusion.get("proof")), checkpoint.rootHash()).valid()).isTrue();

        JsonNode consistency = json(get(client, "/api/v1/audit/proofs/consistency?first=10&second=" + treeSize), 200);
        assertThat(ProofVerifier.verifyConsistency(10, treeSize, unhex(consistency.get("firstRoot").asString()),
                checkpoint.rootHash(), hashes(consistency.get("proof"))).valid()).isTrue();

        JsonNode leaves = json(get(client, "/api/v1/audit/leaves?start=2&end=4"), 200);
        assertThat(leaves.get("leaves")).hasSize(2);
        assertThat(leaves.get("leaves").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(leaves.get("leaves").get(0).get("loggedAt").asString()).isNotBlank();
    }

    @Test
    void badProofAndRangeParameters_rejected_with400ProblemDetails() {
        long size = awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(admin()).exchange().expectStatus().is2xxSuccessful();
        for (String uri : List.of(
                "/api/v1/audit/proofs/inclusion?leaf=" + (size + 1_000_000) + "&treeSize=" + (size + 1_000_000),
                "/api/v1/audit/proofs/inclusion?leaf=0&treeSize=" + (size + 1_000_000),
                "/api/v1/audit/proofs/inclusion?leaf=-1",
                "/api/v1/audit/proofs/consistency?first=5&second=4",
                "/api/v1/audit/proofs/consistency?first=0&second=" + (size + 1_000_000),
                "/api/v1/audit/leaves?start=0&end=5000",
                "/api/v1/audit/leaves?start=3&end=2",
                "/api/v1/audit/leaves?start=" + Long.MAX_VALUE,
                "/api/v1/audit/bundle?from=-1",
                "/api/v1/audit/proofs/inclusion?leaf=abc")) {
            get(client, uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(400);
        }
        get(client, "/api/v1/audit/checkpoints/" + (size + 1_000_000)).accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isNotFound();
        get(client, "/api/v1/audit/bundle?to=" + (size + 1_000_000)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("CHECKPOINT_NOT_FOUND");
    }

    @Test
    void verification_ofAnUntouchedLedger_isClean() {
        long size = awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(admin()).exchange().expectStatus().is2xxSuccessful();
        JsonNode report = json(get(client, "/api/v1/audit/verification"), 200);
        assertThat(report.get("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("treeSize").asLong()).isGreaterThanOrEqualTo(size);
        assertThat(report.get("discrepancies")).isEmpty();
        assertThat(report.get("checkpointProblems")).isEmpty();
        assertThat(report.get("checkpointsChecked").asInt()).isPositive();
    }

    @Test
    void bundle_verifiesOffline_fromTheFirstKey_withAnEarlierCheckpoint_whole_andIncremental() {
        awaitLogCaughtUp(jdbc);
        long earlierSize = json(client.post().uri("/api/v1/audit/checkpoints").headers(admin()), 200, 201)
                .get("treeSize").asLong();
        String earlier = get(client, "/api/v1/audit/checkpoints/" + earlierSize).accept(MediaType.TEXT_PLAIN)
                .exchange().expectBody(String.class).returnResult().getResponseBody();
        record(ApiFixtures.freshId("bundle"));
        long latest = json(client.post().uri("/api/v1/audit/checkpoints").headers(admin()), 200, 201)
                .get("treeSize").asLong();
        assertThat(latest).isGreaterThan(earlierSize);

        byte[] whole = get(client, "/api/v1/audit/bundle?to=" + latest).exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"audit-bundle.json\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        BundleVerification.Report report = verifyOffline(whole, earlier);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verdict()).startsWith("VERIFIED: " + latest + " events");
        assertThat(report.views()).isGreaterThan(5);

        byte[] increment = get(client, "/api/v1/audit/bundle?from=" + earlierSize + "&to=" + latest).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        BundleVerification.Report incremental = verifyOffline(increment, earlier);
        assertThat(incremental.problems()).isEmpty();
        assertThat(incremental.events()).isEqualTo(latest - earlierSize);
    }

    /** Record time is the log's: an event stamped before T that commits after the log passed T does not enter T. */
    @Test
    void viewAsRecordedAt_isFixedOnceTheLogHasPassedIt_evenForAnEventStampedBeforeIt() {
        String coalition = ApiFixtures.freshId("late");
        client.post().uri("/api/v1/coalitions").headers(admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        long logged = awaitLogCaughtUp(jdbc);
        // T lies strictly after the founding's log time, and the log's clock moves on past T before the late commit.
        Instant lastLogged = LogTime.parse(store.leaves(logged - 1, logged).get(0).loggedAt());
        org.awaitility.Awaitility.await().until(() -> Instant.now().isAfter(lastLogged));
        Instant t = Instant.now();
        org.awaitility.Awaitility.await().until(() -> Instant.now().isAfter(t));
        String before = yearOverYear(coalition, "recordedAt=" + t);

        // A batch whose transaction stamped it an hour before T, but which commits only now.
        TakedownBatchRecordedEvent late = new TakedownBatchRecordedEvent(coalition, "late-batch", new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO,
                null, "WWF"), LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 28), 777, 0, 0, List.of("ivory"),
                "scope", "source");
        insertRawEvent("record:" + coalition + "-late", late, t.minusSeconds(3600));
        awaitLogCaughtUp(jdbc);

        assertThat(yearOverYear(coalition, "recordedAt=" + t)).isEqualTo(before).doesNotContain("777");
        assertThat(yearOverYear(coalition, "recordedAt=" + Instant.now())).contains("\"listingsRemoved\":777");
    }

    /** A view as of a checkpoint is what the offline verifier recomputes from that checkpoint's bundle. */
    @Test
    void viewsAsOfACheckpoint_areTheBundlesViews_andSurviveARebuild() {
        awaitLogCaughtUp(jdbc);
        long size = json(client.post().uri("/api/v1/audit/checkpoints").headers(admin()), 200, 201)
                .get("treeSize").asLong();
        byte[] bundle = get(client, "/api/v1/audit/bundle?to=" + size).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        List<BundleView> views = BundleReader.read(new ByteArrayInputStream(bundle), header -> { }, entry -> { });
        List<String> asServed = new ArrayList<>();
        for (BundleView view : views.stream().filter(v -> v.coalitionId().equals("cewto")).toList()) {
            JsonNode served = json(get(client, viewUri(view, size)), 200);
            assertThat(served).as(viewUri(view, size)).isEqualTo(view.value());
            asServed.add(served.toString());
        }
        assertThat(asServed).hasSizeGreaterThan(5);
        get(client, "/api/v1/coalitions/cewto/year-over-year?asOfCheckpoint=" + size).exchange()
                .expectHeader().valueEquals("Ledger-Checkpoint", String.valueOf(size));

        client.post().uri("/api/v1/admin/projections/rebuild").headers(admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"views as of a checkpoint\"}")
                .exchange().expectStatus().isAccepted();
        List<String> afterRebuild = new ArrayList<>();
        for (BundleView view : views.stream().filter(v -> v.coalitionId().equals("cewto")).toList()) {
            afterRebuild.add(json(get(client, viewUri(view, size)), 200).toString());
        }
        assertThat(afterRebuild).isEqualTo(asServed);

        get(client, "/api/v1/coalitions/cewto/year-over-year?asOfCheckpoint=" + (size + 1_000_000)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("CHECKPOINT_NOT_FOUND");
        get(client, "/api/v1/coalitions/cewto/year-over-year?asOfCheckpoint=" + size + "&recordedAt="
                + Instant.now()).exchange().expectStatus().isBadRequest();
    }

    /** Two rotations: every checkpoint before and after verifies, on the server and offline, from the first key. */
    @Test
    void keyRotatedTwice_everyCheckpointVerifies_serverSideAndOffline_fromTheFirstKeyAlone() {
        awaitLogCaughtUp(jdbc);
        long before = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        String firstKey = json(client.get().uri("/api/v1/audit/keys"), 200).get("keys").get(0).get("verifierKey")
                .asString();
        client.post().uri("/api/v1/audit/key-rotations").headers(auditor()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"not mine to do\"}").exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/audit/key-rotations").headers(admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isBadRequest();
        for (int rotation = 0; rotation < 2; rotation++) {
            json(client.post().uri("/api/v1/audit/key-rotations").headers(admin())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"yearly rotation\"}"), 201);
            awaitLogCaughtUp(jdbc);
            json(client.post().uri("/api/v1/audit/checkpoints").headers(admin()), 200, 201);
        }
        JsonNode chain = json(client.get().uri("/api/v1/audit/keys"), 200).get("keys");
        assertThat(chain.size()).isGreaterThanOrEqualTo(3);
        assertThat(chain.get(0).get("verifierKey").asString()).isEqualTo(firstKey);

        JsonNode report = json(get(client, "/api/v1/audit/verification"), 200);
        assertThat(report.get("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("keyChainLength").asInt()).isGreaterThanOrEqualTo(3);

        byte[] bundle = get(client, "/api/v1/audit/bundle").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        BundleVerification.Report offline = BundleVerification.verify(new ByteArrayInputStream(bundle),
                NoteVerifierKey.parse(firstKey), null, line -> { });
        assertThat(offline.problems()).isEmpty();

        // The rotation is a ledger fact, with the person who asked, among the administrative acts.
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ?", Long.class,
                "org.coalitionledger.api.audit.SigningKeyRotatedEvent")).isGreaterThanOrEqualTo(2);
        // The acts after this test began: the shared ledger may hold more than a page of earlier ones.
        String acts = get(client, "/api/v1/admin/events?limit=1000&after=" + before)
                .accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(acts).contains("\"aggregateId\":\"admin:signing-key:").contains("SigningKeyRotatedEvent")
                .contains("yearly rotation").contains("\"actor\":\"admin\"");
    }

    private BundleVerification.Report verifyOffline(byte[] bundle, String earlier) {
        return BundleVerification.verify(new ByteArrayInputStream(bundle), trustedChain().first(), earlier,
                line -> { });
    }

    /** The chain an auditor trusts: the first key, with every later key taken through its introduction. */
    private KeyChain trustedChain() {
        JsonNode keys = json(client.get().uri("/api/v1/audit/keys"), 200);
        List<KeyChain.Link> links = AuditJson.mapper().convertValue(keys.get("keys"),
                AuditJson.mapper().getTypeFactory().constructCollectionType(List.class, KeyChain.Link.class));
        try {
            return KeyChain.verify(NoteVerifierKey.parse(links.get(0).verifierKey()), ORIGIN, links);
        } catch (org.coalitionledger.audit.NoteVerificationException e) {
            throw new AssertionError(e);
        }
    }

    /** Records something (in a coalition of its own: other tests compare the first-year coalition's views). */
    private void record(String coalitionId) {
        client.post().uri("/api/v1/coalitions").headers(admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalitionId)).exchange().expectStatus().isCreated();
        awaitLogCaughtUp(jdbc);
    }

    private String yearOverYear(String coalition, String query) {
        return get(client, "/api/v1/coalitions/" + coalition + "/year-over-year?" + query)
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String viewUri(BundleView view, long size) {
        String base = "/api/v1/coalitions/" + view.coalitionId();
        String cut = "asOfCheckpoint=" + size;
        return switch (view.name()) {
            case "coalition" -> base + "?" + cut;
            case "year-over-year" -> base + "/year-over-year?basis="
                    + (view.basis().name().equals("COALITION_YEAR") ? "coalition-year" : "calendar-year") + "&" + cut;
            case "members" -> base + "/members?asOf=" + view.asOf() + "&" + cut;
            case "goals" -> base + "/goals/progress?" + cut;
            case "restatements" -> base + "/restatements?" + cut;
            default -> throw new AssertionError(view.name());
        };
    }

    /** Inserts an event row as a transaction that stamped it at {@code timestamp} would, at the store's head. */
    private void insertRawEvent(String aggregateId, Object payload, Instant timestamp) {
        var serialized = eventSerializer.serialize(payload, byte[].class);
        byte[] metadata = "{\"actor\":\"test\",\"actorRole\":\"ADMIN\"}".getBytes(StandardCharsets.UTF_8);
        Long globalIndex = jdbc.queryForObject("select next value for domain_event_entry_seq", Long.class);
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, meta_data, payload, "
                        + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", globalIndex, UUID.randomUUID().toString(), metadata,
                serialized.getData(), serialized.getType().getRevision(), serialized.getType().getName(),
                timestamp.toString(), aggregateId, 0, "FigureRecord");
    }

    private JsonNode json(WebTestClient.RequestHeadersSpec<?> request, Integer... statuses) {
        byte[] body = request.accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().value(status -> assertThat(status).isIn((Object[]) statuses))
                .expectBody(byte[].class).returnResult().getResponseBody();
        return AuditJson.mapper().readTree(body);
    }

    private static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(unhex(node.asString())));
        return hashes;
    }

}
