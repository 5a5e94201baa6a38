package org.coalitionledger.api.coalition;

import org.axonframework.serialization.Revision;

/** A member's filed report was retracted: it no longer holds the member's membership in place. */
@Revision("1")
public record MemberReportWithdrawnEvent(String coalitionId, String memberId, String recordId) {
}
