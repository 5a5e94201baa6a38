package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.validation.BusinessDates;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import static org.coalitionledger.api.validation.Checks.*;

/**
 * Correct a member's latest membership, with the reason: its dates (joinedOn; leftOn only once it has left) and,
 * to disclose an undisclosed member or correct a disclosed one, its name, country, region and sector (all four
 * together). Only what is given changes.
 */
public record CorrectMembershipCommand(@TargetAggregateIdentifier String coalitionId, String memberId, String name,
                                       String country, String region, String sector, LocalDate joinedOn,
                                       LocalDate leftOn, String reason) implements BusinessDates {
    public CorrectMembershipCommand {
        id(coalitionId, "coalitionId");
        id(memberId, "memberId");
        reason = text(reason, "reason", MAX_TEXT);
        long identity = Stream.of(name, country, region, sector).filter(v -> v != null).count();
        if (identity != 0 && identity != 4) {
            throw invalid(CoalitionErrorCode.MISSING_FIELD,
                    "name, country, region and sector are corrected (or disclosed) together: give all four");
        }
        if (identity == 4) {
            name = text(name, "name", MAX_NAME);
            isoCountry(country, "country");
            region = text(region, "region", MAX_NAME);
            sector = text(sector, "sector", MAX_NAME);
        } else if (joinedOn == null && leftOn == null) {
            throw invalid(CoalitionErrorCode.MISSING_FIELD,
                    "a membership correction gives new dates, or the name, country, region and sector");
        }
        if (joinedOn != null && leftOn != null && !leftOn.isAfter(joinedOn)) {
            throw invalid(CoalitionErrorCode.INVALID_PERIOD, "leftOn " + leftOn + " must be after joinedOn " + joinedOn);
        }
    }

    /** True when the correction names the member (and so discloses an undisclosed one). */
    public boolean namesMember() {
        return name != null;
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("joinedOn", joinedOn, "leftOn", leftOn);
    }
}
