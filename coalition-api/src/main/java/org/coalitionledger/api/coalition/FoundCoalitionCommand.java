package org.coalitionledger.api.coalition;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/** Found a coalition with its convenors, founding members and founding goal. */
public record FoundCoalitionCommand(@TargetAggregateIdentifier String coalitionId, String name, LocalDate foundedOn,
                                    List<String> convenors, List<FoundingMember> foundingMembers, Goal goal)
        implements BusinessDates {
    public FoundCoalitionCommand {
        id(coalitionId, "coalitionId");
        name = text(name, "name", MAX_NAME);
        required(foundedOn, "foundedOn");
        convenors = texts(convenors, "convenors", MAX_NAME);
        required(foundingMembers, "foundingMembers");
        if (foundingMembers.size() > MAX_LIST) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_TEXT,
                    "foundingMembers must have at most " + MAX_LIST + " entries");
        }
        var ids = new HashSet<String>();
        for (FoundingMember member : foundingMembers) {
            required(member, "foundingMembers entry");
            if (!ids.add(member.memberId())) {
                throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_ID,
                        "foundingMembers lists memberId '" + member.memberId() + "' twice");
            }
        }
        foundingMembers = List.copyOf(foundingMembers);
        required(goal, "goal");
        if (goal.deadline().isBefore(foundedOn)) {
            throw invalid(org.coalitionledger.api.error.CoalitionErrorCode.INVALID_PERIOD,
                    "goal deadline " + goal.deadline() + " is before foundedOn " + foundedOn);
        }
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("foundedOn", foundedOn);
    }

    @Override
    public Map<String, LocalDate> deadlines() {
        return BusinessDates.named("goal.deadline", goal.deadline());
    }
}
