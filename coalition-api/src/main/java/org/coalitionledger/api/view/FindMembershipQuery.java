package org.coalitionledger.api.view;

import java.time.LocalDate;

/** Ask for the {@link MembershipView} on the business date {@code asOf}. */
public record FindMembershipQuery(String coalitionId, LocalDate asOf) {
}
