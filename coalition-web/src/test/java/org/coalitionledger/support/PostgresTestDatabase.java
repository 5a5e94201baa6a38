package org.coalitionledger.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Starts each PostgreSQL test run on an empty ledger: Flyway cleans the test database, then migrates it. */
@Configuration
@Profile("pgtest")
public class PostgresTestDatabase {

    /** Created by .ci/run; only this database is ever cleaned. */
    public static final String NAME = "coalition_test";

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            String url;
            try (var connection = flyway.getConfiguration().getDataSource().getConnection()) {
                url = connection.getMetaData().getURL();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot reach the PostgreSQL test database", e);
            }
            if (!url.endsWith("/" + NAME)) {
                throw new IllegalStateException("refusing to clean a database that is not " + NAME + ": " + url);
            }
            flyway.clean();
            flyway.migrate();
        };
    }
}
