package org.coalitionledger.api.view;

import java.time.LocalDate;
import java.util.List;

/**
 * The coalition in brief. {@code memberCount} counts memberships with no departure recorded (the view has no clock,
 * so "current" means "as far as the ledger knows"); {@code foundingMemberCount} counts the founding memberships.
 */
public record CoalitionView(String coalitionId, String name, LocalDate foundedOn, List<String> convenors,
                            long memberCount, long foundingMemberCount) {
    public CoalitionView {
        convenors = convenors == null ? List.of() : List.copyOf(convenors);
    }
}
