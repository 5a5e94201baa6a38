package org.coalitionledger.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.coalitionledger.api.coalition.FoundingMember;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.reporting.Reporter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies of the administrator's writes. Figures are boxed and {@code @NotNull}: a figure left out must be
 * an error, never a silent zero (unknown fields are refused by the JSON reader for the same reason). The command
 * records check everything else (id pattern, lengths, ISO codes, periods) and name the failing field.
 */
public final class WriteRequests {

    private WriteRequests() {
    }

    @Schema(description = "Found a coalition with its convenors, founding members and founding goal.")
    public record FoundCoalition(@NotBlank String coalitionId, @NotBlank String name, @NotNull LocalDate foundedOn,
                                 @NotNull @Size(max = 100) List<String> convenors,
                                 @NotNull @Size(max = 100) List<@NotNull FoundingMember> foundingMembers,
                                 @NotNull Goal goal) {
    }

    @Schema(description = "A company joins. An undisclosed member has no name, country, region or sector.")
    public record JoinCoalition(@NotBlank String memberId, @NotNull Boolean disclosed, String name, String country,
                                String region, String sector, @NotNull LocalDate joinedOn, String note) {
    }

    @Schema(description = "A member leaves on leftOn (its first day as a non-member).")
    public record LeaveCoalition(@NotNull LocalDate leftOn, String reason) {
    }

    @Schema(description = "Correct a member's latest membership, with the reason: joinedOn, leftOn (once it has left), "
            + "and/or name, country, region and sector together (which discloses an undisclosed member).")
    public record MembershipCorrection(String name, String country, String region, String sector, LocalDate joinedOn,
                                       LocalDate leftOn, @NotBlank String reason) {
    }

    @Schema(description = "The coalition adopts a goal on setOn.")
    public record SetGoal(@NotNull @Valid Goal goal, @NotNull LocalDate setOn) {
    }

    @Schema(description = "A batch of takedowns over a period (listings deleted, ads blocked, accounts removed).")
    public record TakedownBatch(@NotBlank String batchId, @NotNull Reporter reporter, @NotNull LocalDate periodStart,
                                @NotNull LocalDate periodEnd, @NotNull @PositiveOrZero Long listingsRemoved,
                                @NotNull @PositiveOrZero Long adsBlocked, @NotNull @PositiveOrZero Long accountsRemoved,
                                @Size(max = 100) List<String> categories, @NotBlank String scope,
                                @NotBlank String source) {
    }

    @Schema(description = "Arrests made on a date in a jurisdiction (ISO 3166-1 alpha-2) by an agency.")
    public record Arrest(@NotBlank String recordId, @NotNull LocalDate date, @NotNull @PositiveOrZero Long count,
                         @NotBlank String jurisdiction, @NotBlank String agency, @NotBlank String scope,
                         @NotBlank String source) {
    }

    @Schema(description = "A confiscation in its original currency, with the USD rate (units of the currency per "
            + "US dollar) on rateDate from rateSource.")
    public record Confiscation(@NotBlank String recordId, @NotNull LocalDate date, @NotNull BigDecimal amount,
                               @NotBlank String currency, @NotNull BigDecimal usdRate, @NotNull LocalDate rateDate,
                               @NotBlank String rateSource, @NotBlank String jurisdiction, @NotBlank String scope,
                               @NotBlank String source) {
    }

    @Schema(description = "Restate a record's figures; only the figures given change. At least one is required. "
            + "expectedVersion (or the If-Match header) guards it: the record's version it was decided on.")
    public record Correction(@PositiveOrZero Long listingsRemoved, @PositiveOrZero Long adsBlocked,
                             @PositiveOrZero Long accountsRemoved, @PositiveOrZero Long count, BigDecimal amount,
                             BigDecimal usdRate, LocalDate rateDate, String rateSource, @NotBlank String reason,
                             @PositiveOrZero Long expectedVersion) {
    }

    @Schema(description = "Withdraw a record for good, with the reason.")
    public record Retraction(@NotBlank String reason) {
    }

    @Schema(description = "Rebuild every view projection from the event store, with the reason (recorded).")
    public record Rebuild(@NotBlank String reason) {
    }
}
