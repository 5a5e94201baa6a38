package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A member's latest membership was corrected, for {@code reason}: these are its name, places and dates from now on
 * (all of them, not only those that changed). Disclosing an undisclosed member is such a correction: disclosed
 * becomes true and the name, country, region and sector are given. The join and any departure recorded before stay
 * in the history as they were.
 */
@Revision("1")
public record MembershipCorrectedEvent(String coalitionId, String memberId, boolean disclosed, String name,
                                       String country, String region, String sector, LocalDate joinedOn,
                                       LocalDate leftOn, String reason) {
}
