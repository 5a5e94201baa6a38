package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A member left on {@code leftOn}. */
@Revision("1")
public record MemberLeftEvent(String coalitionId, String memberId, LocalDate leftOn, String reason) {
}
