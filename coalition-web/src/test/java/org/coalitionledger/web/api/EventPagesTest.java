package org.coalitionledger.web.api;

import org.coalitionledger.audit.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of a coalition's history never goes past a recent gap in the store's global index (a transaction holding
 * that index may still be committing: a cursor past it would never show that event), and passes an old one.
 */
class EventPagesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant RECENT_FROM = NOW.minusSeconds(60);

    private static StoredEvent event(long globalIndex, Instant storedAt) {
        return new StoredEvent(globalIndex, "e" + globalIndex, "Coalition", "c", globalIndex, "T", null,
                storedAt.toString(), new byte[0], new byte[0]);
    }

    @Test
    void consecutiveRows_areAllSettled() {
        List<StoredEvent> tail = List.of(event(11, NOW), event(12, NOW), event(13, NOW));
        assertThat(EventPages.settled(10, tail, RECENT_FROM)).isEqualTo(tail);
    }

    @Test
    void aRecentGap_endsTheRowsBeforeIt_evenAtTheStart() {
        List<StoredEvent> tail = List.of(event(11, NOW), event(13, NOW), event(14, NOW));
        assertThat(EventPages.settled(10, tail, RECENT_FROM)).extracting(StoredEvent::globalIndex).containsExactly(11L);
        assertThat(EventPages.settled(9, tail, RECENT_FROM)).isEmpty();
    }

    @Test
    void aGapOlderThanTheLogsAllowedDelay_isPassed() {
        Instant old = RECENT_FROM.minusSeconds(1);
        List<StoredEvent> tail = List.of(event(11, old), event(13, old), event(15, NOW));
        assertThat(EventPages.settled(10, tail, RECENT_FROM)).extracting(StoredEvent::globalIndex)
                .containsExactly(11L, 13L);
    }
}
