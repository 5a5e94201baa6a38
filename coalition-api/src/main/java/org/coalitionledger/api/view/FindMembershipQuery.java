package org.coalitionledger.api.view;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Ask for the {@link MembershipView} on the business date {@code asOf}, live ({@code recordedAt} null) or as the
 * ledger recorded it at the instant {@code recordedAt}.
 * {@code asOfCheckpoint}, when given (a signed checkpoint's tree size), asks for the view as of that checkpoint.
 */
public record FindMembershipQuery(String coalitionId, LocalDate asOf, Instant recordedAt, Long asOfCheckpoint) {

    /** Live ({@code recordedAt} null) or as recorded at an instant. */
    public FindMembershipQuery(String coalitionId, LocalDate asOf, Instant recordedAt) {
        this(coalitionId, asOf, recordedAt, null);
    }
}
