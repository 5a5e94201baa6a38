package org.coalitionledger.command.coalition;

import java.time.LocalDate;

/**
 * Files a member's report on the coalition's own stream, in the same unit of work as the record: the coalition
 * checks the membership (authoritatively, under its own stream's sequence) and remembers the report, so a
 * departure or membership correction cannot later leave it outside the membership. A report and a departure
 * racing on two nodes both append to the coalition's stream; its unique (aggregate, sequence) key lets one win.
 */
public interface MemberReports {

    void filed(String coalitionId, String memberId, String recordId, LocalDate periodStart, LocalDate periodEnd);

    void withdrawn(String coalitionId, String memberId, String recordId);
}
