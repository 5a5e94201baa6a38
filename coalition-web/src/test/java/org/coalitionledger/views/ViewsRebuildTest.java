package org.coalitionledger.views;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link ViewsRebuildContract} on the embedded H2 database. */
@LedgerApplicationTest
class ViewsRebuildTest extends ViewsRebuildContract {
}
