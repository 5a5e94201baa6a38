package org.coalitionledger.bench;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

import java.sql.SQLException;

/**
 * Added as a source of the filling run only: Flyway cleans the benchmark database, then migrates it, so each run
 * starts from an empty ledger (the same way the PostgreSQL test support does). It refuses any database that is not
 * a benchmark database. Not annotated as a configuration, so component scanning never picks it up.
 */
class CleanBenchDatabase {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            String url;
            try (var connection = flyway.getConfiguration().getDataSource().getConnection()) {
                url = connection.getMetaData().getURL();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the benchmark database", e);
            }
            boolean benchPostgres = url.startsWith("jdbc:postgresql:")
                    && url.replaceFirst("\\?.*", "").endsWith("/" + BenchDatabase.PG_NAME);
            boolean benchH2 = url.startsWith("jdbc:h2:file:") && url.contains("/target/bench-data/");
            if (!benchPostgres && !benchH2) {
                throw new IllegalStateException("refusing to clean a database that is not a benchmark database: " + url);
            }
            flyway.clean();
            flyway.migrate();
        };
    }
}
