package org.coalitionledger.audit.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.coalitionledger.api.audit.SigningKeyRotatedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.StoredEvent;
import org.junit.jupiter.api.Test;

/**
 * The coalition a payload's text states, read without making the payload: it answers only where the text alone
 * tells, and otherwise leaves the caller to read the payload whole (every event type at its current revision, made
 * by the application's serializer, is in coalition-web's EventSerializationTest).
 */
class StoredFormatTest {

    private static final String BATCH = TakedownBatchRecordedEvent.class.getName();

    @Test
    void aPayloadNamingItsCoalitionOnce_statesThatOne_andNoOther() {
        StoredEvent event = stored(BATCH, "2", "{\"coalitionId\":\"cewto\",\"batchId\":\"b-1\"}");
        assertThat(StoredFormat.statesCoalition(event, "cewto")).isTrue();
        assertThat(StoredFormat.statesCoalition(event, "other")).isFalse();
        assertThat(StoredFormat.statesCoalition(event, null)).isFalse();
    }

    @Test
    void aCoalitionIdInsideAnotherValue_isNotThePayloads() {
        StoredEvent event = stored(BATCH, "2", "{\"reportedBy\":{\"coalitionId\":\"other\",\"x\":[{\"coalitionId\":"
                + "\"other\"}]},\"coalitionId\":\"cewto\"}");
        assertThat(StoredFormat.statesCoalition(event, "cewto")).isTrue();
        assertThat(StoredFormat.statesCoalition(event, "other")).isFalse();
    }

    @Test
    void aPayloadWithoutOrWithANullCoalitionId_statesNone() {
        assertThat(StoredFormat.statesCoalition(stored(BATCH, "2", "{\"batchId\":\"b-1\"}"), null)).isTrue();
        assertThat(StoredFormat.statesCoalition(stored(BATCH, "2", "{\"coalitionId\":null}"), null)).isTrue();
        assertThat(StoredFormat.statesCoalition(stored(BATCH, "2", "{\"coalitionId\":null}"), "cewto")).isFalse();
    }

    @Test
    void aTypeWithoutACoalition_statesNone_whateverItsText() {
        String key = SigningKeyRotatedEvent.class.getName();
        assertThat(StoredFormat.statesCoalition(stored(key, "1", "{\"coalitionId\":\"cewto\"}"), null)).isTrue();
        assertThat(StoredFormat.statesCoalition(stored(key, "1", "{\"coalitionId\":\"cewto\"}"), "cewto")).isFalse();
    }

    @Test
    void textThatCannotTellAlone_statesNothing_soThePayloadIsReadWhole() {
        String[] cannotTell = {
            // named twice: which one the record takes is not the text's to say
            "{\"coalitionId\":\"cewto\",\"coalitionId\":\"cewto\"}",
            "{\"coalitionId\":12}", // a number the record would take as text
            "{\"coalitionId\":[\"cewto\"]}",
            "{\"coalitionId\":\"cewto\"} {}", // more than one JSON value
            "[\"cewto\"]",
            "{\"coalitionId\":\"cewto\"", // cut short
            "not json"
        };
        for (String text : cannotTell) {
            assertThat(StoredFormat.statesCoalition(stored(BATCH, "2", text), "cewto")).as(text).isFalse();
        }
    }

    @Test
    void anOlderRevisionOrAnUnknownType_statesNothing() {
        String text = "{\"coalitionId\":\"cewto\"}";
        assertThat(StoredFormat.statesCoalition(stored(BATCH, "1", text), "cewto")).as("older revision").isFalse();
        assertThat(StoredFormat.statesCoalition(stored("com.example.Planted", "1", text), "cewto")).isFalse();
        assertThat(StoredFormat.statesCoalition(stored("com.example.Planted", "1", text), null)).isFalse();
    }

    private static StoredEvent stored(String type, String revision, String payload) {
        return new StoredEvent(3, "event-1", "Coalition", "cewto", 0, type, revision, "2026-12-05T12:00:00Z",
                payload.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Test
    void theActor_isWhatTheMetadataTreeGives_whereverTheTextAloneCanTellOrNot() {
        String[] metadata = {"{\"actor\":\"alice@example.org\",\"traceId\":\"t-1\"}",
            "{\"correlationId\":{\"actor\":\"bob\"},\"actor\":\"alice\"}", "{\"actor\":null}", "{\"traceId\":\"t\"}",
            "{\"actor\":12}", "{\"actor\":{\"name\":\"alice\"}}", "{\"actor\":\"alice\",\"actor\":\"mallory\"}",
            "[\"alice\"]",
            "\"alice\"", "{}"};
        for (String text : metadata) {
            tools.jackson.databind.JsonNode tree = AuditJson.mapper().readTree(text).get("actor");
            StoredEvent event = new StoredEvent(3, "event-1", "Coalition", "cewto", 0, BATCH, "2",
                    "2026-12-05T12:00:00Z", new byte[0], text.getBytes(StandardCharsets.UTF_8));
            assertThat(StoredFormat.actor(event)).as(text)
                    .isEqualTo(tree != null && tree.isString() ? tree.stringValue() : null);
        }
        StoredEvent cut = new StoredEvent(3, "event-1", "Coalition", "cewto", 0, BATCH, "2", "2026-12-05T12:00:00Z",
                new byte[0], "{\"actor\":\"alice\"".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoredFormat.actor(cut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JSON object");
    }
}
