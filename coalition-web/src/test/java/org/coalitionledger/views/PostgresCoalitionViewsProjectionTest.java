package org.coalitionledger.views;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link CoalitionViewsContract} on PostgreSQL: event store, token store and view tables. */
@PostgresLedgerApplicationTest
class PostgresCoalitionViewsProjectionTest extends CoalitionViewsContract {
}
