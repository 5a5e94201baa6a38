package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/** A member leaves on {@code leftOn}; it was a member up to and including the day before. */
public record LeaveCoalitionCommand(@TargetAggregateIdentifier String coalitionId, String memberId, LocalDate leftOn,
                                    String reason) implements BusinessDates {
    public LeaveCoalitionCommand {
        id(coalitionId, "coalitionId");
        id(memberId, "memberId");
        required(leftOn, "leftOn");
        reason = optionalText(reason, "reason", MAX_TEXT);
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("leftOn", leftOn);
    }
}
