package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A company became a member on {@code joinedOn}. Name and places are null for an undisclosed member. */
@Revision("1")
public record MemberJoinedEvent(String coalitionId, String memberId, boolean founding, boolean disclosed, String name,
                                String country, String region, String sector, LocalDate joinedOn, String note) {
}
