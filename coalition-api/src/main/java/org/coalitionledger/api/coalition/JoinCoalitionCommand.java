package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/**
 * A company joins. An undisclosed member ({@code disclosed = false}) is one whose joining is on the public record
 * but whose name is not: name, country, region and sector must then be absent, never invented.
 * {@code note} says anything the record should keep about the fact (e.g. that the date is a bound).
 */
public record JoinCoalitionCommand(@TargetAggregateIdentifier String coalitionId, String memberId, Boolean disclosed,
                                   String name, String country, String region, String sector, LocalDate joinedOn,
                                   String note) implements BusinessDates {
    public JoinCoalitionCommand {
        id(coalitionId, "coalitionId");
        id(memberId, "memberId");
        required(joinedOn, "joinedOn");
        required(disclosed, "disclosed"); // absent is an error, never "undisclosed"
        if (disclosed) {
            name = text(name, "name", MAX_NAME);
            isoCountry(country, "country");
            region = text(region, "region", MAX_NAME);
            sector = text(sector, "sector", MAX_NAME);
        } else if (name != null || country != null || region != null || sector != null) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT,
                    "an undisclosed member has no name, country, region or sector");
        }
        note = optionalText(note, "note", MAX_TEXT);
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("joinedOn", joinedOn);
    }
}
