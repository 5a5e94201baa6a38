package org.coalitionledger.bench;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The two databases the application runs on, each a benchmark-only database: PostgreSQL {@value #PG_NAME} on
 * 127.0.0.1:5432 (never the tests' database) and an H2 file database under target/. Both are wiped by Flyway clean
 * before they are filled ({@link CleanBenchDatabase}).
 */
enum BenchDatabase {

    POSTGRES, H2;

    static final String PG_NAME = "coalition_bench";
    private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    static BenchDatabase parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String label() {
        return this == POSTGRES ? "PostgreSQL" : "H2 (file)";
    }

    /** The application's own settings for this database: its profile, database name and data folder. */
    List<String> appArguments(Path dataRoot) {
        Path dataDir = dataRoot.resolve(name().toLowerCase(Locale.ROOT)).toAbsolutePath();
        if (this == POSTGRES) {
            // Migrations as the owner, the application as its restricted role (README, Database roles).
            return List.of("--spring.profiles.active=postgres", "--COALITION_DB_NAME=" + PG_NAME,
                    "--COALITION_DB_OWNER_USER=postgres", "--COALITION_DB_OWNER_PASSWORD=postgres",
                    "--COALITION_DB_USER=coalition_app", "--COALITION_DB_PASSWORD=coalition_app",
                    "--coalition.data-dir=" + dataDir);
        }
        return List.of("--coalition.data-dir=" + dataDir);
    }

    /** Creates the PostgreSQL benchmark database when it is missing (trust authentication, as the tests use). */
    void ensureExists() throws SQLException {
        if (this != POSTGRES) {
            return;
        }
        try (var connection = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", "");
             var query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, PG_NAME);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + PG_NAME);
                    }
                }
            }
        }
    }

    /** The payload column type of domain_event_entry in this database's migration. */
    String binaryType() {
        return this == POSTGRES ? "bytea" : "blob";
    }
}
