package org.coalitionledger.views;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link CoalitionViewsContract} on the embedded H2 event store, token store and view tables. */
@LedgerApplicationTest
class CoalitionViewsProjectionTest extends CoalitionViewsContract {
}
