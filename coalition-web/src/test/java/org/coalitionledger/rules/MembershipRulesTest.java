package org.coalitionledger.rules;

import org.coalitionledger.support.LedgerApplicationTest;

/** The membership rules on H2, with both racing requests on the one node (its aggregate locks serialise them). */
@LedgerApplicationTest
class MembershipRulesTest extends MembershipRulesContract {

    @Override
    protected int secondNodePort() {
        return port;
    }
}
