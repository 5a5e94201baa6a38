package org.coalitionledger.web.backup;

import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link BackupAndRestoreContract} on the embedded H2 database with {@code ops/backup-h2.sh} and
 * {@code ops/restore-h2.sh}: a copy of the stopped application's data directory (database and signing keys).
 */
class H2BackupAndRestoreTest extends BackupAndRestoreContract {

    @Override
    void prepare() {
        // A new data directory is a new ledger.
    }

    @Override
    ConfigurableApplicationContext start(boolean restored, Path dataDir) {
        return application(dataDir).profiles("test").run();
    }

    /** Stopped: H2 keeps its file open while the application runs. Started again on the same data afterwards. */
    @Override
    ConfigurableApplicationContext backUp(ConfigurableApplicationContext running, Path dataDir, Path backup)
            throws Exception {
        running.close();
        java.nio.file.Files.createDirectories(backup);
        run(Map.of(), OPS.resolve("backup-h2.sh").toString(), dataDir.toString(),
                backup.resolve("ledger.tar").toString());
        return start(false, dataDir);
    }

    @Override
    void restore(Path backup, Path dataDir) throws Exception {
        run(Map.of(), OPS.resolve("restore-h2.sh").toString(), backup.resolve("ledger.tar").toString(),
                dataDir.toString());
    }
}
