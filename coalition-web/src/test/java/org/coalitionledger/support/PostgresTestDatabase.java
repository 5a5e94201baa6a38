package org.coalitionledger.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Starts each PostgreSQL test run on an empty ledger: Flyway cleans the test database, then migrates it. */
@Configuration
@Profile("pgtest")
public class PostgresTestDatabase {

    /**
     * Created by .ci/run; only this database (or one whose name starts with it, chosen with
     * {@code -Dcoalition.postgres.test-db=coalition_test_x} so that parallel runs on one server keep apart) is ever
     * cleaned.
     */
    public static final String NAME = "coalition_test";

    /** The application's restricted role in the tests (created by .ci/run; README, Database roles). */
    public static final String APPLICATION_ROLE = "coalition_app";

    /** The database name the PostgreSQL tests use: {@link #NAME} unless the system property names another. */
    public static final String NAME_PROPERTY = "${coalition.postgres.test-db:" + NAME + "}";

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            String url;
            try (var connection = flyway.getConfiguration().getDataSource().getConnection()) {
                url = connection.getMetaData().getURL();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot reach the PostgreSQL test database", e);
            }
            if (!url.substring(url.lastIndexOf('/') + 1).startsWith(NAME)) {
                throw new IllegalStateException("refusing to clean a database that is not " + NAME + ": " + url);
            }
            flyway.clean();
            flyway.migrate();
        };
    }
}
