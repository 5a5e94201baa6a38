package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A page of events; {@code next} is the {@code after} value of the following page, null on the last page. A page may
 * hold fewer events than asked for (even none) and still name a next page: each page reads a bounded stretch. A page
 * also ends, with no next, before a write that may still commit ({@link EventPages}).
 */
@Schema(description = "A page of events in store order; pass next as 'after' for the following page, until next is "
        + "null. A page may hold fewer events than the limit, even none, and still have a next: each page reads a "
        + "bounded stretch of the store. A page also ends, with next null, before a write that took its place in the "
        + "store and has not committed yet (for at most coalition.audit.history-settle-time, default 60 s): to read "
        + "on later, pass the last event's globalIndex as 'after'.")
public record EventPage(List<EventView> events, Long next) {
    public EventPage {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
