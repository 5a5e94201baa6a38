package org.coalitionledger.web.backup;

import org.coalitionledger.support.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link BackupAndRestoreContract} on PostgreSQL with {@code ops/backup-postgres.sh} and
 * {@code ops/restore-postgres.sh}: PostgreSQL's own pg_dump (while the application runs) and pg_restore, and the
 * signing keys. Two databases of its own beside the PostgreSQL tests' one ({@code <test-db>_backup},
 * {@code <test-db>_restored}), dropped and made afresh by each run; each application runs as the restricted role,
 * migrations as the owner.
 */
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
class PostgresBackupAndRestoreTest extends BackupAndRestoreContract {

    private static final String TEST_DB = System.getProperty("coalition.postgres.test-db", PostgresTestDatabase.NAME);
    private static final String SOURCE_DB = TEST_DB + "_backup";
    private static final String RESTORED_DB = TEST_DB + "_restored";

    @Override
    void prepare() {
        JdbcTemplate server = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres"));
        server.execute("drop database if exists " + SOURCE_DB + " with (force)");
        server.execute("drop database if exists " + RESTORED_DB + " with (force)");
        server.execute("create database " + SOURCE_DB);
    }

    @Override
    ConfigurableApplicationContext start(boolean restored, Path dataDir) {
        return application(dataDir).profiles("test", "postgres")
                .properties("COALITION_DB_NAME=" + (restored ? RESTORED_DB : SOURCE_DB),
                        "COALITION_DB_USER=" + PostgresTestDatabase.APPLICATION_ROLE,
                        "COALITION_DB_PASSWORD=" + PostgresTestDatabase.APPLICATION_ROLE,
                        "COALITION_DB_OWNER_USER=postgres", "COALITION_DB_OWNER_PASSWORD=postgres",
                        "spring.datasource.hikari.maximum-pool-size=4")
                .run();
    }

    /** While it runs: pg_dump reads one consistent snapshot. */
    @Override
    ConfigurableApplicationContext backUp(ConfigurableApplicationContext running, Path dataDir, Path backup)
            throws Exception {
        run(Map.of("COALITION_DB_NAME", SOURCE_DB, "COALITION_KEY_DIR", dataDir.resolve("audit").toString()),
                OPS.resolve("backup-postgres.sh").toString(), backup.toString());
        return running;
    }

    @Override
    void restore(Path backup, Path dataDir) throws Exception {
        run(Map.of("COALITION_DB_NAME", RESTORED_DB, "COALITION_KEY_DIR", dataDir.resolve("audit").toString()),
                OPS.resolve("restore-postgres.sh").toString(), backup.toString());
    }
}
