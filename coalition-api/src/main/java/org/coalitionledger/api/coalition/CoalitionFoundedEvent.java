package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** The coalition was founded. Its founding members and goal follow as their own events. */
@Revision("1")
public record CoalitionFoundedEvent(String coalitionId, String name, LocalDate foundedOn, List<String> convenors) {
}
