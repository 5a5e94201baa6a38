package org.coalitionledger.support;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on PostgreSQL (database {@code coalition_test} on 127.0.0.1:5432, wiped before the
 * context starts by {@link PostgresTestDatabase}), running as the restricted application role. Runs only with
 * {@code -Dcoalition.postgres.tests=true}, which .ci/run sets after starting PostgreSQL. All classes with this annotation share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"COALITION_DB_NAME=" + PostgresTestDatabase.NAME_PROPERTY,
                // Migrations as the test database's owner, the application as the restricted role .ci/run creates,
                // so every PostgreSQL test shows the application does all it needs without rewriting the log.
                "COALITION_DB_OWNER_USER=postgres", "COALITION_DB_OWNER_PASSWORD=postgres",
                "COALITION_DB_USER=" + PostgresTestDatabase.APPLICATION_ROLE,
                "COALITION_DB_PASSWORD=" + PostgresTestDatabase.APPLICATION_ROLE,
                "coalition.data-dir=./target/test-data/pg-${random.uuid}",
                "spring.flyway.clean-disabled=false"})
@ActiveProfiles({"test", "postgres", "pgtest"})
public @interface PostgresLedgerApplicationTest {
}
