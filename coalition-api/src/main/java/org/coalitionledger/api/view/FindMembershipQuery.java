package org.coalitionledger.api.view;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Ask for the {@link MembershipView} on the business date {@code asOf}, live ({@code recordedAt} null) or as the
 * ledger recorded it at the instant {@code recordedAt}.
 */
public record FindMembershipQuery(String coalitionId, LocalDate asOf, Instant recordedAt) {
}
