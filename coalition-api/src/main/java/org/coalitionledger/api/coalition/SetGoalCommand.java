package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

import static org.coalitionledger.api.validation.Checks.*;

/** The coalition adopts a goal on {@code setOn}. A goal id, once used, always means the same goal. */
public record SetGoalCommand(@TargetAggregateIdentifier String coalitionId, Goal goal, LocalDate setOn) {
    public SetGoalCommand {
        id(coalitionId, "coalitionId");
        required(goal, "goal");
        required(setOn, "setOn");
        if (goal.deadline().isBefore(setOn)) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD,
                    "goal deadline " + goal.deadline() + " is before setOn " + setOn);
        }
    }
}
