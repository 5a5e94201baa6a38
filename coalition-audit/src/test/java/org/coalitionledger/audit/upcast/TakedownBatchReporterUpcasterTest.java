package org.coalitionledger.audit.upcast;

import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TakedownBatchRecordedEvent} stored at revision 1 (JSON fixtures of stored rows) reads back, through the
 * shared upcaster chain, as the revision-2 event the ledger writes today for the same fact.
 */
class TakedownBatchReporterUpcasterTest {

    private static final Jackson3Serializer CURRENT = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(StoredFormat::configure).build();

    static StoredEvent storedRow(String fixture) {
        try (InputStream in = TakedownBatchReporterUpcasterTest.class.getResourceAsStream("/upcasting/" + fixture)) {
            JsonNode row = AuditJson.mapper().readTree(in);
            return new StoredEvent(row.get("globalIndex").asLong(), row.get("eventIdentifier").asString(),
                    row.get("aggregateType").asString(), row.get("aggregateIdentifier").asString(),
                    row.get("sequenceNumber").asLong(), row.get("payloadType").asString(),
                    row.get("payloadRevision").asString(), row.get("timeStamp").asString(),
                    row.get("payload").toString().getBytes(StandardCharsets.UTF_8),
                    row.get("metaData").toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void revision1_ngoReporter_readsAsTheRevision2Event() {
        Object read = StoredFormat.payload(storedRow("takedown-batch-recorded-revision-1.json"));

        assertThat(read).isEqualTo(new TakedownBatchRecordedEvent("cewto", "anniversary-china",
                new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO, null, "WWF"), LocalDate.of(2018, 3, 7),
                LocalDate.of(2019, 3, 6), 1_000_000, 10_000_000, 350_000, List.of("ivory", "pangolin"),
                "China-based members", "https://example.org/anniversary-report"));
    }

    @Test
    void revision1_memberReporter_readsAsTheRevision2Event() {
        Object read = StoredFormat.payload(storedRow("takedown-batch-recorded-revision-1-member.json"));

        assertThat(read).isEqualTo(new TakedownBatchRecordedEvent("cewto", "alibaba-2018",
                new TakedownBatchRecordedEvent.ReportedBy(ReporterType.MEMBER, "alibaba", null),
                LocalDate.of(2018, 3, 7), LocalDate.of(2018, 12, 31), 120, 0, 7, List.of(), "Alibaba platforms",
                "member report"));
    }

    /** The upcast tree is exactly what revision 2 writes for the same fact: same fields, same order, same values. */
    @Test
    void upcastPayload_isTheStoredFormOfRevision2() {
        StoredEvent stored = storedRow("takedown-batch-recorded-revision-1.json");
        JsonNode revision1 = AuditJson.mapper().readTree(stored.payload());

        JsonNode upcast = TakedownBatchReporterUpcaster.reshape(revision1);

        TakedownBatchRecordedEvent same = (TakedownBatchRecordedEvent) StoredFormat.payload(stored);
        String written = new String(CURRENT.serialize(same, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(upcast.toString()).isEqualTo(written);
        assertThat(written).contains("\"reporter\":{\"type\":\"NGO\",\"memberId\":null,\"name\":\"WWF\"}");
        // The stored tree is left as it is (the leaf hashes the stored bytes).
        assertThat(revision1.has("reporterType")).isTrue();
    }

    @Test
    void aRevisionNoUpcasterKnows_isRefused_likeAnUnknownType() {
        StoredEvent row = storedRow("takedown-batch-recorded-revision-1.json");
        StoredEvent revision7 = new StoredEvent(row.globalIndex(), row.eventId(), row.aggregateType(),
                row.aggregateId(), row.sequenceNumber(), row.payloadType(), "7", row.timestamp(), row.payload(),
                row.metadata());

        assertThatThrownBy(() -> StoredFormat.payload(revision7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision '7'").hasMessageContaining("not one of the ledger's event types");
    }
}
