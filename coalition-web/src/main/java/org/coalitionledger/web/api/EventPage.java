package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of events; {@code next} is the {@code after} value of the following page, null on the last page. */
@Schema(description = "A page of events in store order; pass next as 'after' for the following page.")
public record EventPage(List<EventView> events, Long next) {
    public EventPage {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
