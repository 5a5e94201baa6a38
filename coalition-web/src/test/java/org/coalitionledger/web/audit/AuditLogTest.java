package org.coalitionledger.web.audit;

import org.coalitionledger.log.*;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.LeafEncoding;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.AuditBundle;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.verifier.BundleVerification;
import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.web.audit.AuditTestSupport.auditor;
import static org.coalitionledger.web.audit.AuditTestSupport.awaitLogCaughtUp;
import static org.coalitionledger.web.audit.AuditTestSupport.get;

/** The log, its checkpoints, proofs, verification and bundle in the running application (H2). */
@LedgerApplicationTest
class AuditLogTest {

    @LocalServerPort
    int port;
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLogStore store;
    @Autowired
    AuditLogProcessor processor;

    @BeforeEach
    void client() {
        client = AuditTestSupport.client(port);
    }

    @Test
    void log_holdsEveryStoredEvent_asDenseLeaves_computedFromTheStoredRows() {
        long size = awaitLogCaughtUp(jdbc);
        assertThat(size).isGreaterThanOrEqualTo(37);
        List<LogLeaf> leaves = store.leaves(0, size);
        for (int i = 0; i < leaves.size(); i++) {
            LogLeaf leaf = leaves.get(i);
            assertThat(leaf.leafIndex()).isEqualTo(i);
            StoredEvent row = store.storedEvent(leaf.globalIndex()).orElseThrow();
            assertThat(row.eventId()).isEqualTo(leaf.eventId());
            assertThat(leaf.leafHash()).as("leaf %d", i).isEqualTo(LeafEncoding.leafHash(row));
        }
        // A single segment sees events in commit order; on one node that is global-index order.
        assertThat(leaves).extracting(LogLeaf::globalIndex).isSorted();
    }

    @Test
    void leafTable_refusesASecondLeafForALoggedEvent_orAnIndexGivenBefore() {
        awaitLogCaughtUp(jdbc);
        LogLeaf first = store.leaves(0, 1).get(0);
        byte[] hash = new byte[32];
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(store.nextLeafIndex(), first.globalIndex(),
                "another-event", hash))).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(store.nextLeafIndex(), -7, first.eventId(), hash)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.appendLeaf(new LogLeaf(0, -7, "another-event", hash)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void processor_skipsAnEventItLoggedBefore_andRefusesOneWithNoStoredRow() {
        long size = awaitLogCaughtUp(jdbc);
        LogLeaf leaf = store.leaves(3, 4).get(0);
        var again = new GenericEventMessage<>(leaf.eventId(), "payload", MetaData.emptyInstance(), Instant.now());

        processor.append(again);
        assertThat(store.leafCount()).isEqualTo(size);
        assertThat(store.leafOfEvent(leaf.eventId())).contains(leaf);

        var stranger = new GenericEventMessage<>("not-a-stored-event", "payload", MetaData.emptyInstance(),
                Instant.now());
        assertThatThrownBy(() -> processor.append(stranger))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event not-a-stored-event was delivered but has no row in the event store");
        assertThat(store.leafCount()).isEqualTo(size);
    }

    @Test
    void checkpoint_signedOnDemand_verifiesWithThePublishedKey_andProofsVerifyAgainstIt() throws Exception {
        long size = awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(auditor()).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(200, 201))
                .expectBody().jsonPath("$.treeSize").isEqualTo((int) size);
        String vkey = get(client, "/api/v1/audit/public-key").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        NoteVerifierKey key = NoteVerifierKey.parse(vkey.strip());
        assertThat(key.name()).isEqualTo("coalition-ledger/audit-log");
        String note = get(client, "/api/v1/audit/checkpoint").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Checkpoint checkpoint = Checkpoint.open(note, key, "coalition-ledger/audit-log");
        assertThat(checkpoint.treeSize()).isEqualTo(size);

        JsonNode inclusion = json(get(client, "/api/v1/audit/proofs/inclusion?leaf=5&treeSize=" + size));
        assertThat(ProofVerifier.verifyInclusion(unhex(inclusion.get("leafHash").asString()), 5, size,
                hashes(inclusion.get("proof")), checkpoint.rootHash()).valid()).isTrue();
        assertThat(inclusion.get("leafHash").asString())
                .isEqualTo(HexFormat.of().formatHex(store.leaves(5, 6).get(0).leafHash()));

        JsonNode consistency = json(get(client, "/api/v1/audit/proofs/consistency?first=10&second=" + size));
        assertThat(ProofVerifier.verifyConsistency(10, size, unhex(consistency.get("firstRoot").asString()),
                checkpoint.rootHash(), hashes(consistency.get("proof"))).valid()).isTrue();

        JsonNode leaves = json(get(client, "/api/v1/audit/leaves?start=2&end=4"));
        assertThat(leaves.get("leaves")).hasSize(2);
        assertThat(leaves.get("leaves").get(0).get("leafIndex").asLong()).isEqualTo(2);
    }

    @Test
    void badProofAndRangeParameters_rejected_with400ProblemDetails() {
        long size = awaitLogCaughtUp(jdbc);
        for (String uri : List.of(
                "/api/v1/audit/proofs/inclusion?leaf=" + size + "&treeSize=" + size,
                "/api/v1/audit/proofs/inclusion?leaf=0&treeSize=" + (size + 1_000_000),
                "/api/v1/audit/proofs/inclusion?leaf=-1",
                "/api/v1/audit/proofs/consistency?first=5&second=4",
                "/api/v1/audit/proofs/consistency?first=0&second=" + (size + 1_000_000),
                "/api/v1/audit/leaves?start=0&end=5000",
                "/api/v1/audit/leaves?start=3&end=2",
                "/api/v1/audit/proofs/inclusion?leaf=abc")) {
            get(client, uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(400);
        }
        get(client, "/api/v1/audit/checkpoints/" + (size + 1_000_000)).accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void verification_ofAnUntouchedLedger_isClean() {
        long size = awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(auditor()).exchange().expectStatus().is2xxSuccessful();
        JsonNode report = json(get(client, "/api/v1/audit/verification"));
        assertThat(report.get("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("treeSize").asLong()).isGreaterThanOrEqualTo(size);
        assertThat(report.get("discrepancies")).isEmpty();
        assertThat(report.get("checkpointProblems")).isEmpty();
        assertThat(report.get("checkpointsChecked").asInt()).isPositive();
    }

    @Test
    void bundle_verifiesOffline_withThePublishedKeyAndAnEarlierCheckpoint() {
        awaitLogCaughtUp(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(auditor()).exchange().expectStatus().is2xxSuccessful();
        String earlier = get(client, "/api/v1/audit/checkpoint").accept(MediaType.TEXT_PLAIN).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        NoteVerifierKey key = NoteVerifierKey.parse(get(client, "/api/v1/audit/public-key")
                .accept(MediaType.TEXT_PLAIN).exchange().expectBody(String.class).returnResult().getResponseBody()
                .strip());
        byte[] body = get(client, "/api/v1/audit/bundle").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"audit-bundle.json\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        AuditBundle bundle = AuditJson.mapper().readValue(body, AuditBundle.class);

        assertThat(bundle.viewsSource()).isEqualTo(AuditBundleService.VIEWS_FROM_QUERY);
        assertThat(bundle.views()).extracting(v -> v.coalitionId()).contains("cewto");
        assertThat(bundle.events()).hasSize((int) bundle.treeSize());
        BundleVerification.Report report = BundleVerification.verify(bundle, key, earlier, line -> { });
        assertThat(report.problems()).isEmpty();
        assertThat(report.verdict()).startsWith("VERIFIED: " + bundle.treeSize() + " events");
    }

    private JsonNode json(WebTestClient.RequestHeadersSpec<?> request) {
        byte[] body = request.accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
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
