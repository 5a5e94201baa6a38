package org.coalitionledger.command.rules;

import org.coalitionledger.api.error.CoalitionErrorCode;

/** Rule violation {@link CoalitionErrorCode#MEMBER_NOT_A_MEMBER}. */
public class MemberNotAMember extends CoalitionRuleViolation {
    public MemberNotAMember(String message) {
        super(CoalitionErrorCode.MEMBER_NOT_A_MEMBER, message);
    }
}
