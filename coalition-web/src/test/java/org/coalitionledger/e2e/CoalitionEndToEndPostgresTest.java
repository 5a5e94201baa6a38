package org.coalitionledger.e2e;

import org.coalitionledger.support.PostgresLedgerApplicationTest;

/** The end-to-end scenario on PostgreSQL (runs with -Dcoalition.postgres.tests=true, as CI does). */
@PostgresLedgerApplicationTest
class CoalitionEndToEndPostgresTest extends CoalitionEndToEndScenario {
}
