package org.coalitionledger.command.coalition;

import java.util.Optional;

/**
 * Reads a coalition's founding date and memberships for rules that live outside the coalition's aggregate.
 * Records are their own aggregates so that a busy coalition is not a single-writer bottleneck; they check the
 * coalition through this read instead of taking the coalition's lock.
 */
public interface CoalitionFacts {

    Optional<MembershipHistory> find(String coalitionId);
}
