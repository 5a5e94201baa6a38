package org.coalitionledger.views;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link ViewsFillContract} on the embedded H2 database. */
@LedgerApplicationTest
class ViewsFillTest extends ViewsFillContract {
}
