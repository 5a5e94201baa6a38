package org.coalitionledger.web.evolution;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link EventEvolutionContract} on PostgreSQL, the application running as its restricted role. */
@PostgresLedgerApplicationTest
class PostgresEventEvolutionTest extends EventEvolutionContract {
}
