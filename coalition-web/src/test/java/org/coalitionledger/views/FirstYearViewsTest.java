package org.coalitionledger.views;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link FirstYearViewsContract} on the embedded H2 event store. */
@LedgerApplicationTest
class FirstYearViewsTest extends FirstYearViewsContract {
}
