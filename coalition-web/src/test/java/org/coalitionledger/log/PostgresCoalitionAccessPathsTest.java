package org.coalitionledger.log;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link CoalitionAccessPathsContract} on PostgreSQL, the application running as its restricted role. */
@PostgresLedgerApplicationTest
class PostgresCoalitionAccessPathsTest extends CoalitionAccessPathsContract {
}
