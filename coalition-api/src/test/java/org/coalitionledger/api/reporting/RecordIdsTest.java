package org.coalitionledger.api.reporting;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIdsTest {

    private static final Object ARREST_OF_A = new ArrestRecordedEvent("a", "x", LocalDate.of(2019, 5, 1), 3, "CN",
            "Customs", "scope", "source");

    @Test
    void resolve_scoped_forANewRecord() {
        assertThat(RecordIds.resolve("a", "x", stream -> Optional.empty())).isEqualTo("record:a:x");
    }

    @Test
    void resolve_legacy_whenTheLegacyStreamIsThisCoalitions() {
        Map<String, Object> store = Map.of("record:x", ARREST_OF_A);
        assertThat(RecordIds.resolve("a", "x", stream -> Optional.ofNullable(store.get(stream))))
                .isEqualTo("record:x");
    }

    @Test
    void resolve_scoped_whenTheLegacyStreamIsAnotherCoalitions() {
        Map<String, Object> store = Map.of("record:x", ARREST_OF_A);
        assertThat(RecordIds.resolve("b", "x", stream -> Optional.ofNullable(store.get(stream))))
                .isEqualTo("record:b:x");
    }

    @Test
    void isRecordStream_bothShapes() {
        assertThat(RecordIds.isRecordStream("record:a:x")).isTrue();
        assertThat(RecordIds.isRecordStream("record:x")).isTrue();
        assertThat(RecordIds.isRecordStream("a")).isFalse();
    }
}
