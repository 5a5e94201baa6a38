package org.coalitionledger.e2e;

import org.coalitionledger.support.LedgerApplicationTest;

/** The end-to-end scenario on the embedded H2 event store. */
@LedgerApplicationTest
class CoalitionEndToEndTest extends CoalitionEndToEndScenario {
}
