package org.coalitionledger.web.evolution;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link EventEvolutionContract} on the embedded H2 event store. */
@LedgerApplicationTest
class EventEvolutionTest extends EventEvolutionContract {
}
