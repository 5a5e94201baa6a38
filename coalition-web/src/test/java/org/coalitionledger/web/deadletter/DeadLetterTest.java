package org.coalitionledger.web.deadletter;

import org.coalitionledger.support.LedgerApplicationTest;

/** {@link DeadLetterContract} on the embedded H2 event store and dead-letter queue. */
@LedgerApplicationTest
class DeadLetterTest extends DeadLetterContract {
}
