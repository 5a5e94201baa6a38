package org.coalitionledger.views;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link FirstYearViewsContract} on the PostgreSQL event store. */
@PostgresLedgerApplicationTest
class PostgresFirstYearViewsTest extends FirstYearViewsContract {
}
