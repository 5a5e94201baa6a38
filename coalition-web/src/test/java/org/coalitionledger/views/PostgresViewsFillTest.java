package org.coalitionledger.views;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link ViewsFillContract} on PostgreSQL. */
@PostgresLedgerApplicationTest
class PostgresViewsFillTest extends ViewsFillContract {
}
