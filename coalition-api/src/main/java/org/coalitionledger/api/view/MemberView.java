package org.coalitionledger.api.view;

import java.time.LocalDate;

/**
 * One membership. Name, country, region and sector are null for an undisclosed member. {@code leftOn} is the first
 * day as a non-member, or null while the ledger records no departure.
 */
public record MemberView(String memberId, String name, boolean disclosed, String country, String region,
                         String sector, boolean founding, LocalDate joinedOn, LocalDate leftOn) {
}
