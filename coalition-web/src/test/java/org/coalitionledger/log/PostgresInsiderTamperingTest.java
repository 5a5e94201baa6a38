package org.coalitionledger.log;

import org.axonframework.eventhandling.EventBus;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.verifier.BundleVerification;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.support.PostgresInsiderTest;
import org.coalitionledger.support.SchemaOwner;
import org.coalitionledger.web.security.TestTokens;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An insider with write access to the database makes each move the log must withstand, on PostgreSQL; the server's
 * verification and the offline verifier, given a bundle taken afterwards, both name it. Moves that can be undone are
 * undone; the row inserted behind the log's position stays (the log keeps what it was given), so assertions look for
 * what each move caused, not for a report that is otherwise empty.
 */
@PostgresInsiderTest
class PostgresInsiderTamperingTest {

    private static final String COLUMNS = "global_index, sequence_number, meta_data, payload, aggregate_identifier, "
            + "event_identifier, payload_revision, payload_type, time_stamp, type";

    /** The insider: the schema owner (the application's own role may not rewrite the log's tables). */
    JdbcTemplate jdbc;
    @Autowired
    Flyway flyway;
    @Autowired
    AuditLogStore store;
    @Autowired
    AuditVerificationService verification;
    @Autowired
    CheckpointKeyStore keys;
    @Autowired
    AuditProperties properties;
    @Autowired
    EventBus events;
    @Autowired
    TransactionTemplate transactions;
    @LocalServerPort
    int port;
    WebTestClient client;

    @BeforeEach
    void caughtUp() {
        jdbc = SchemaOwner.jdbc(flyway);
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
        LogCatchUp.await(jdbc);
        client.post().uri("/api/v1/audit/checkpoints").headers(h -> h.setBearerAuth(TestTokens.ADMIN)).exchange()
                .expectStatus().is2xxSuccessful();
    }

    @Test
    void alteredPayloadMetadataAndTimestamp_areNamed_onTheServerAndOffline() {
        LogLeaf payload = leaf(5);
        LogLeaf metadata = leaf(6);
        LogLeaf timestamp = leaf(7);
        Map<String, Object> rowP = row(payload.globalIndex());
        Map<String, Object> rowM = row(metadata.globalIndex());
        Map<String, Object> rowT = row(timestamp.globalIndex());
        try {
            String json = new String((byte[]) rowP.get("payload"), StandardCharsets.UTF_8);
            jdbc.update("update domain_event_entry set payload = ? where global_index = ?",
                    (json.substring(0, json.length() - 1) + ",\"tampered\":true}").getBytes(StandardCharsets.UTF_8),
                    payload.globalIndex());
            jdbc.update("update domain_event_entry set meta_data = ? where global_index = ?",
                    "{\"actor\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8), metadata.globalIndex());
            jdbc.update("update domain_event_entry set time_stamp = ? where global_index = ?",
                    "2018-01-01T00:00:00Z", timestamp.globalIndex());

            assertThat(verification.verify().discrepancies())
                    .filteredOn(d -> d.kind() == LogDiscrepancy.Kind.ALTERED)
                    .extracting(LogDiscrepancy::leafIndex).contains(5L, 6L, 7L);
            assertThat(offlineProblems()).anySatisfy(p -> assertThat(p).startsWith("ALTERED: leaf 5 (event "
                    + payload.eventId())).anySatisfy(p -> assertThat(p).startsWith("ALTERED: leaf 6 (event "
                    + metadata.eventId())).anySatisfy(p -> assertThat(p).startsWith("ALTERED: leaf 7 (event "
                    + timestamp.eventId()));
        } finally {
            restore(rowP, rowM, rowT);
        }
        assertThat(verification.verify().discrepancies()).extracting(LogDiscrepancy::leafIndex)
                .doesNotContain(5L, 6L, 7L);
    }

    @Test
    void deletedRow_isNamed_onTheServerAndOffline() {
        LogLeaf leaf = leaf(8);
        Map<String, Object> row = row(leaf.globalIndex());
        try {
            jdbc.update("delete from domain_event_entry where global_index = ?", leaf.globalIndex());

            assertThat(verification.verify().discrepancies()).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.MISSING);
                assertThat(d.leafIndex()).isEqualTo(8);
            });
            assertThat(offlineProblems()).contains("MISSING: leaf 8 (event " + leaf.eventId() + ", global index "
                    + leaf.globalIndex() + "): the bundle carries no stored event for it; it is missing from the "
                    + "event store");
        } finally {
            restore(row);
        }
    }

    /** The swap the v1 leaf could not see: two events trade global indexes in the event table and the log alike. */
    @Test
    void globalIndexesSwappedInTheEventTableAndTheLogTogether_areNamed_onTheServerAndOffline() {
        LogLeaf a = leaf(10);
        LogLeaf b = leaf(11);
        Map<String, Object> rowA = row(a.globalIndex());
        Map<String, Object> rowB = row(b.globalIndex());
        try {
            jdbc.update("delete from domain_event_entry where global_index in (?, ?)", a.globalIndex(),
                    b.globalIndex());
            insert(withGlobalIndex(rowA, b.globalIndex()));
            insert(withGlobalIndex(rowB, a.globalIndex()));
            setLeafGlobalIndex(10, -1);
            setLeafGlobalIndex(11, a.globalIndex());
            setLeafGlobalIndex(10, b.globalIndex());

            assertThat(verification.verify().discrepancies())
                    .filteredOn(d -> d.kind() == LogDiscrepancy.Kind.ALTERED)
                    .extracting(LogDiscrepancy::leafIndex).contains(10L, 11L);
            assertThat(offlineProblems()).anySatisfy(p -> assertThat(p).startsWith("ALTERED: leaf 10 (event "
                    + a.eventId() + ", global index " + b.globalIndex() + ")"));
        } finally {
            setLeafGlobalIndex(10, -1);
            setLeafGlobalIndex(11, b.globalIndex());
            setLeafGlobalIndex(10, a.globalIndex());
            jdbc.update("delete from domain_event_entry where global_index in (?, ?)", a.globalIndex(),
                    b.globalIndex());
            restore(rowA, rowB);
        }
        assertThat(verification.verify().discrepancies()).extracting(LogDiscrepancy::leafIndex)
                .doesNotContain(10L, 11L);
    }

    @Test
    void rowInsertedBehindTheLogsPosition_isLogged_andNamed_onTheServerAndOffline() {
        Map<String, Object> template = row(leaf(12).globalIndex());
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> planted = new java.util.LinkedHashMap<>(template);
        planted.put("global_index", 0L);
        planted.put("event_identifier", eventId);
        planted.put("aggregate_identifier", "planted-" + eventId);
        planted.put("time_stamp", Instant.now().toString());
        // The log passed global index 0 with its first leaf; plant only once that lies more than the delay back.
        Instant passed = org.coalitionledger.audit.LogTime.parse(leaf(0).loggedAt()).plus(properties.maxLogDelay());
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(passed.plusMillis(500)));
        long verificationRead = store.rowsRead().get(RowsRead.Read.UNLOGGED_EVENTS);
        long swept = store.rowsRead().get(RowsRead.Read.SWEPT_EVENTS);
        insert(planted);

        await().atMost(Duration.ofSeconds(30)).until(() -> store.leafOfEvent(eventId).isPresent());
        // The sweep's rows are its own in the rows-read metric, apart from verification's.
        assertThat(store.rowsRead().get(RowsRead.Read.SWEPT_EVENTS)).isGreaterThan(swept);
        assertThat(store.rowsRead().get(RowsRead.Read.UNLOGGED_EVENTS)).isEqualTo(verificationRead);
        assertThat(verification.verify().discrepancies()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.OUT_OF_ORDER);
            assertThat(d.eventId()).isEqualTo(eventId);
            assertThat(d.detail()).contains("an event inserted behind the log's position");
        });
        client.post().uri("/api/v1/audit/checkpoints").headers(h -> h.setBearerAuth(TestTokens.ADMIN)).exchange()
                .expectStatus().is2xxSuccessful();
        assertThat(offlineProblems()).anySatisfy(p -> assertThat(p).startsWith("OUT_OF_ORDER: leaf ")
                .contains("(event " + eventId + ", global index 0)").contains("inserted behind the log's position"));
    }

    /**
     * A leaf hash rewritten after the node took it: the node's tree holds only its tiles' hashes, reads the leaf's
     * tile from the table for a proof, finds it no longer hashes to what it took, and refuses the proof naming it.
     */
    @Test
    void aLeafHashRewrittenAfterTheNodeTookIt_noProofIsGivenFromIt_itsTileIsNamed() {
        AuditLogTreeTest.twoTilesOfEvents(client);
        LogCatchUp.await(jdbc);
        // The node takes the leaves into its tree (and signs them).
        client.post().uri("/api/v1/audit/checkpoints").headers(h -> h.setBearerAuth(TestTokens.ADMIN)).exchange()
                .expectStatus().is2xxSuccessful();
        int tile = 1 << AuditLogTree.TILE_HEIGHT;
        long leaf = tile + 3;
        byte[] hash = jdbc.queryForObject("select leaf_hash from audit_leaf where leaf_index = ?", byte[].class, leaf);
        byte[] forged = hash.clone();
        forged[0] ^= 1;
        try {
            jdbc.update("update audit_leaf set leaf_hash = ? where leaf_index = ?", forged, leaf);
            client.get().uri("/api/v1/audit/proofs/inclusion?leaf=" + leaf).headers(h -> h.setBearerAuth(
                            TestTokens.AUDITOR)).exchange().expectStatus().isEqualTo(500)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("LOG_LEAVES_CHANGED")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("leaves [" + tile
                            + ", " + 2 * tile + ") of the log no longer hash to what the tree took"));
            // A proof that needs only the changed tile's hash, not its leaves, is still given.
            client.get().uri("/api/v1/audit/proofs/inclusion?leaf=3").headers(h -> h.setBearerAuth(
                    TestTokens.AUDITOR)).exchange().expectStatus().isOk();
        } finally {
            jdbc.update("update audit_leaf set leaf_hash = ? where leaf_index = ?", hash, leaf);
        }
        client.get().uri("/api/v1/audit/proofs/inclusion?leaf=" + leaf).headers(h -> h.setBearerAuth(
                TestTokens.AUDITOR)).exchange().expectStatus().isOk();
    }

    /**
     * Leaves rewritten together with the stored root column: a node that reads the rewritten table (as after a
     * restart) refuses to sign, because it checks against the signed note, not against the column.
     */
    @Test
    void leavesAndStoredRootRewritten_aNewCheckpointIsRefused() {
        AuditLogStore.StoredCheckpoint latest = store.latestCheckpoint().orElseThrow();
        LogLeaf victim = leaf(3);
        byte[] forged = new byte[32];
        forged[0] = 7;
        MerkleTree rewritten = new MerkleTree();
        store.leaves(0, latest.treeSize()).forEach(l -> rewritten.append(l.leafIndex() == 3 ? forged : l.leafHash()));
        try {
            jdbc.update("update audit_leaf set leaf_hash = ? where leaf_index = 3", forged);
            jdbc.update("update audit_checkpoint set root_hash = ? where tree_size = ?", rewritten.root(),
                    latest.treeSize());

            CheckpointService restarted = new CheckpointService(store, new AuditLogTree(store), keys, properties,
                    events, transactions, null);
            assertThatThrownBy(restarted::checkpointNow)
                    .isInstanceOf(CheckpointService.SigningRefusedException.class)
                    .hasMessageContaining("the log no longer extends its signed checkpoint of size "
                            + latest.treeSize());
            assertThat(verification.verify().checkpointProblems()).anySatisfy(p -> assertThat(p)
                    .startsWith("checkpoint of size " + latest.treeSize() + " signed root "));
        } finally {
            jdbc.update("update audit_leaf set leaf_hash = ? where leaf_index = 3", victim.leafHash());
            jdbc.update("update audit_checkpoint set root_hash = ? where tree_size = ?", latest.rootHash(),
                    latest.treeSize());
        }
    }

    private List<String> offlineProblems() {
        byte[] bundle = client.get().uri("/api/v1/audit/bundle").headers(h -> h.setBearerAuth(TestTokens.AUDITOR))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        JsonNode chain = AuditJson.mapper().readTree(client.get().uri("/api/v1/audit/keys")
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk().expectBody(byte[].class)
                .returnResult().getResponseBody());
        NoteVerifierKey first = NoteVerifierKey.parse(chain.get("keys").get(0).get("verifierKey").asString());
        return BundleVerification.verify(new ByteArrayInputStream(bundle), first, null,
                properties.maxLogDelay(), line -> { }).problems();
    }

    private LogLeaf leaf(long index) {
        return store.leaves(index, index + 1).get(0);
    }

    private void setLeafGlobalIndex(long leafIndex, long globalIndex) {
        jdbc.update("update audit_leaf set global_index = ? where leaf_index = ?", globalIndex, leafIndex);
    }

    private Map<String, Object> row(long globalIndex) {
        return jdbc.queryForMap("select " + COLUMNS + " from domain_event_entry where global_index = ?", globalIndex);
    }

    private static Map<String, Object> withGlobalIndex(Map<String, Object> row, long globalIndex) {
        Map<String, Object> moved = new java.util.LinkedHashMap<>(row);
        moved.put("global_index", globalIndex);
        return moved;
    }

    @SafeVarargs
    private void restore(Map<String, Object>... rows) {
        for (Map<String, Object> row : rows) {
            jdbc.update("delete from domain_event_entry where event_identifier = ?", row.get("event_identifier"));
            insert(row);
        }
    }

    private void insert(Map<String, Object> row) {
        List<String> columns = List.of(COLUMNS.split(", "));
        jdbc.update("insert into domain_event_entry (" + COLUMNS + ") values ("
                        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                columns.stream().map(row::get).toArray());
    }
}
