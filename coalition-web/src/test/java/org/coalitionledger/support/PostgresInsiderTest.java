package org.coalitionledger.support;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a PostgreSQL database of its own ({@code coalition_test_insider}, wiped before the
 * context starts), for tests that tamper with the ledger as an insider would and leave marks that cannot be undone
 * (an append-only log keeps what it was given). A short log delay and sweep interval, so a row inserted behind the
 * log's position is swept in and named within seconds; event-history pages wait as long for writes still committing
 * (the other test contexts do not wait). Runs only with {@code -Dcoalition.postgres.tests=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"COALITION_DB_NAME=" + PostgresTestDatabase.NAME_PROPERTY + "_insider",
                // As in PostgresLedgerApplicationTest: the application as its restricted role; tampering is done
                // as the schema owner (SchemaOwner).
                "COALITION_DB_OWNER_USER=postgres", "COALITION_DB_OWNER_PASSWORD=postgres",
                "COALITION_DB_USER=" + PostgresTestDatabase.APPLICATION_ROLE,
                "COALITION_DB_PASSWORD=" + PostgresTestDatabase.APPLICATION_ROLE,
                "coalition.data-dir=./target/test-data/pg-insider-${random.uuid}",
                "spring.flyway.clean-disabled=false",
                "coalition.audit.max-log-delay=PT3S",
                "coalition.audit.history-settle-time=PT3S",
                "coalition.audit.sweep-interval=PT1S"})
@ActiveProfiles({"test", "postgres", "pgtest"})
public @interface PostgresInsiderTest {
}
