package org.coalitionledger.command.coalition;

import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** {@link MemberReports} through the coalition aggregate, loaded in the caller's unit of work. */
@Component
class CoalitionMemberReports implements MemberReports {

    private final Repository<Coalition> coalitions;

    CoalitionMemberReports(
            @Lazy @Qualifier(CoalitionRepositoryConfiguration.BEAN_NAME) Repository<Coalition> coalitions) {
        this.coalitions = coalitions;
    }

    @Override
    public void filed(String coalitionId, String memberId, String recordId, LocalDate periodStart,
                      LocalDate periodEnd) {
        coalitions.load(coalitionId).execute(c -> c.fileMemberReport(memberId, recordId, periodStart, periodEnd));
    }

    @Override
    public void withdrawn(String coalitionId, String memberId, String recordId) {
        coalitions.load(coalitionId).execute(c -> c.withdrawMemberReport(memberId, recordId));
    }
}
