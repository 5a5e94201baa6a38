package org.coalitionledger.views;

import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.springframework.test.context.TestPropertySource;

/** {@link ViewsFillContract} on PostgreSQL. */
@PostgresLedgerApplicationTest
// Pages of 16 events: records corrected pages after they were written, as in a large store.
@TestPropertySource(properties = "coalition.views.fill-page=16")
class PostgresViewsFillTest extends ViewsFillContract {
}
