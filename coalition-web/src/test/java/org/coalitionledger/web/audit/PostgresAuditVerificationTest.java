package org.coalitionledger.web.audit;

import org.coalitionledger.log.*;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.coalitionledger.support.SchemaOwner;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import org.coalitionledger.audit.bundle.AuditJson;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.web.audit.AuditTestSupport.awaitLogCaughtUp;

/**
 * Tampering with the event store directly in PostgreSQL, as the schema owner could (the application's own role may
 * not: see PostgresAppendOnlyStorageTest), is found by verification and named by leaf and event. The context is
 * shared with other test classes, so every test restores the rows it touched, exactly, in a finally block.
 */
@PostgresLedgerApplicationTest
class PostgresAuditVerificationTest {

    private static final String COLUMNS = "global_index, sequence_number, meta_data, payload, aggregate_identifier, "
            + "event_identifier, payload_revision, payload_type, time_stamp, type";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Flyway flyway;
    @Autowired
    AuditLogStore store;
    @Autowired
    AuditVerificationService verification;
    @LocalServerPort
    int port;

    @Test
    void untouchedLedger_verifiesClean_overHttp() {
        awaitLogCaughtUp(jdbc);
        JsonNode report = AuditJson.mapper().readTree(AuditTestSupport.client(port).get()
                .uri("/api/v1/audit/verification").headers(AuditTestSupport.auditor()).accept(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody());
        assertThat(report.get("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("discrepancies")).isEmpty();
    }

    @Test
    void alteredPayload_isNamedByLeafAndEvent() {
        awaitLogCaughtUp(jdbc);
        LogLeaf leaf = store.leaves(5, 6).get(0);
        byte[] original = jdbc.queryForObject("select payload from domain_event_entry where global_index = ?",
                byte[].class, leaf.globalIndex());
        String json = new String(original, StandardCharsets.UTF_8);
        try {
            owner().update("update domain_event_entry set payload = ? where global_index = ?",
                    (json.substring(0, json.length() - 1) + ",\"tampered\":true}").getBytes(StandardCharsets.UTF_8),
                    leaf.globalIndex());

            AuditVerificationService.Report report = verification.verify();

            assertThat(report.clean()).isFalse();
            assertThat(report.discrepancies()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.ALTERED);
                assertThat(d.leafIndex()).isEqualTo(5);
                assertThat(d.eventId()).isEqualTo(leaf.eventId());
                assertThat(d.detail()).startsWith("leaf 5 (event " + leaf.eventId() + ", global index "
                        + leaf.globalIndex() + "): the stored event was altered");
            });
        } finally {
            owner().update("update domain_event_entry set payload = ? where global_index = ?", original,
                    leaf.globalIndex());
        }
        assertThat(verification.verify().clean()).isTrue();
    }

    @Test
    void deletedRow_isNamedByLeafAndEvent() {
        awaitLogCaughtUp(jdbc);
        LogLeaf leaf = store.leaves(7, 8).get(0);
        Map<String, Object> row = row(leaf.globalIndex());
        try {
            owner().update("delete from domain_event_entry where global_index = ?", leaf.globalIndex());

            AuditVerificationService.Report report = verification.verify();

            assertThat(report.discrepancies()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(LogDiscrepancy.Kind.MISSING);
                assertThat(d.leafIndex()).isEqualTo(7);
                assertThat(d.detail()).isEqualTo("leaf 7 (event " + leaf.eventId() + ", global index "
                        + leaf.globalIndex() + "): the event is missing from the event store");
            });
        } finally {
            insert(row);
        }
        assertThat(verification.verify().clean()).isTrue();
    }

    @Test
    void incrementalVerification_countsTheOlderEventsAsTheLastCleanRunFoundThem_aFullRunCountsAgain() {
        awaitLogCaughtUp(jdbc);
        AuditVerificationService.Report full = verification.verify(false);
        assertThat(full.clean()).as("%s", full).isTrue();
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(full.eventsInStore()).isEqualTo(stored);
        // The oldest event, taken out of the store: only a count that reads the whole store sees it gone.
        LogLeaf leaf = store.leaves(0, 1).get(0);
        Map<String, Object> row = row(leaf.globalIndex());
        try {
            owner().update("delete from domain_event_entry where global_index = ?", leaf.globalIndex());

            AuditVerificationService.Report incremental = verification.verify(true);
            AuditVerificationService.Report again = verification.verify(false);

            assertThat(incremental.incremental()).isTrue();
            assertThat(incremental.eventsInStore()).as("its cost is the events since, not the store")
                    .isEqualTo(stored);
            assertThat(again.eventsInStore()).isEqualTo(stored - 1);
            assertThat(again.discrepancies()).extracting(LogDiscrepancy::kind).containsExactly(
                    LogDiscrepancy.Kind.MISSING);
        } finally {
            insert(row);
        }
        assertThat(verification.verify().clean()).isTrue();
    }

    @Test
    void swappedRows_areNamedByBothLeaves() {
        awaitLogCaughtUp(jdbc);
        LogLeaf a = store.leaves(10, 11).get(0);
        LogLeaf b = store.leaves(11, 12).get(0);
        Map<String, Object> rowA = row(a.globalIndex());
        Map<String, Object> rowB = row(b.globalIndex());
        try {
            owner().update("delete from domain_event_entry where global_index in (?, ?)", a.globalIndex(),
                    b.globalIndex());
            insert(withGlobalIndex(rowA, b.globalIndex()));
            insert(withGlobalIndex(rowB, a.globalIndex()));

            AuditVerificationService.Report report = verification.verify();

            assertThat(report.discrepancies()).extracting(LogDiscrepancy::kind, LogDiscrepancy::leafIndex,
                            LogDiscrepancy::eventId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(LogDiscrepancy.Kind.REORDERED, 10L, a.eventId()),
                            org.assertj.core.groups.Tuple.tuple(LogDiscrepancy.Kind.REORDERED, 11L, b.eventId()));
            assertThat(report.discrepancies().get(0).detail()).isEqualTo("leaf 10 (event " + a.eventId()
                    + ", global index " + a.globalIndex() + "): the event was moved; global index " + a.globalIndex()
                    + " now holds event " + b.eventId() + ", and the event is now at global index " + b.globalIndex()
                    + " (content intact)");
        } finally {
            owner().update("delete from domain_event_entry where global_index in (?, ?)", a.globalIndex(),
                    b.globalIndex());
            insert(rowA);
            insert(rowB);
        }
        assertThat(verification.verify().clean()).isTrue();
    }

    private JdbcTemplate owner() {
        return SchemaOwner.jdbc(flyway);
    }

    private Map<String, Object> row(long globalIndex) {
        return jdbc.queryForMap("select " + COLUMNS + " from domain_event_entry where global_index = ?",
                globalIndex);
    }

    private static Map<String, Object> withGlobalIndex(Map<String, Object> row, long globalIndex) {
        Map<String, Object> moved = new java.util.LinkedHashMap<>(row);
        moved.put("global_index", globalIndex);
        return moved;
    }

    private void insert(Map<String, Object> row) {
        List<String> columns = List.of(COLUMNS.split(", "));
        owner().update("insert into domain_event_entry (" + COLUMNS + ") values ("
                        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                columns.stream().map(row::get).toArray());
    }
}
