package org.coalitionledger.command.coalition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A {@link MemberReports} for record fixtures: remembers what was filed and withdrawn, in order. */
public final class RecordingMemberReports implements MemberReports {

    public final List<String> calls = new ArrayList<>();

    @Override
    public void filed(String coalitionId, String memberId, String recordId, LocalDate periodStart, LocalDate periodEnd) {
        calls.add("filed " + coalitionId + "/" + memberId + "/" + recordId + " " + periodStart + ".." + periodEnd);
    }

    @Override
    public void withdrawn(String coalitionId, String memberId, String recordId) {
        calls.add("withdrawn " + coalitionId + "/" + memberId + "/" + recordId);
    }
}
