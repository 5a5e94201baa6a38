package org.coalitionledger.views;

import org.coalitionledger.support.LedgerApplicationTest;
import org.springframework.test.context.TestPropertySource;

/** {@link ViewsFillContract} on the embedded H2 database. */
@LedgerApplicationTest
// Pages of 16 events: records corrected pages after they were written, as in a large store.
@TestPropertySource(properties = "coalition.views.fill-page=16")
class ViewsFillTest extends ViewsFillContract {
}
