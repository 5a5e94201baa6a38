package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/** The coalition adopts a goal on {@code setOn}. A goal id, once used, always means the same goal. */
public record SetGoalCommand(@TargetAggregateIdentifier String coalitionId, Goal goal, LocalDate setOn)
        implements BusinessDates {
    public SetGoalCommand {
        id(coalitionId, "coalitionId");
        required(goal, "goal");
        required(setOn, "setOn");
        if (goal.deadline().isBefore(setOn)) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD,
                    "goal deadline " + goal.deadline() + " is before setOn " + setOn);
        }
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("setOn", setOn);
    }

    @Override
    public Map<String, LocalDate> deadlines() {
        return BusinessDates.named("goal.deadline", goal.deadline());
    }
}
