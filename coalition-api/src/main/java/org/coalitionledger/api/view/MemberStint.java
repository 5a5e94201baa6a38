package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.MemberJoinedEvent;

import java.time.LocalDate;

/**
 * One membership of a company, from its join to its departure. A company that leaves and joins again has two stints,
 * so a membership is never reopened or stretched over the gap.
 */
final class MemberStint {

    /** The join as it stands: the recorded join, with the latest membership correction applied. */
    MemberJoinedEvent joined;
    /** First day as a non-member; null while no departure is recorded. */
    LocalDate leftOn;

    MemberStint(MemberJoinedEvent joined) {
        this.joined = joined;
    }

    /** A member from {@code joinedOn} up to and including the day before {@code leftOn}. */
    boolean coversDay(LocalDate day) {
        return !joined.joinedOn().isAfter(day) && (leftOn == null || leftOn.isAfter(day));
    }

    String regionLabel() {
        return joined.disclosed() && joined.region() != null ? joined.region() : CoalitionLedgerFold.UNDISCLOSED;
    }

    String sectorLabel() {
        return joined.disclosed() && joined.sector() != null ? joined.sector() : CoalitionLedgerFold.UNDISCLOSED;
    }

    MemberView view() {
        return new MemberView(joined.memberId(), joined.name(), joined.disclosed(), joined.country(), joined.region(),
                joined.sector(), joined.founding(), joined.joinedOn(), leftOn);
    }
}
