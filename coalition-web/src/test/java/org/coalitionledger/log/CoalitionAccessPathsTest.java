package org.coalitionledger.log;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link CoalitionAccessPathsContract} on H2, where the snapshot table is not append-only. */
@LedgerApplicationTest
class CoalitionAccessPathsTest extends CoalitionAccessPathsContract {
}
