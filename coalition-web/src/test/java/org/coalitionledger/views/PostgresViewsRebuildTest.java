package org.coalitionledger.views;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link ViewsRebuildContract} on PostgreSQL. */
@PostgresLedgerApplicationTest
class PostgresViewsRebuildTest extends ViewsRebuildContract {
}
