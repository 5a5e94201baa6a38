package org.coalitionledger.web.deadletter;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** {@link DeadLetterContract} on PostgreSQL, the application running as its restricted role. */
@PostgresLedgerApplicationTest
class PostgresDeadLetterTest extends DeadLetterContract {
}
