package org.coalitionledger.web.hostile;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

/**
 * The hostile-input corpus (at least 300 generated bad requests) against two application nodes on one PostgreSQL
 * database, the application running as the restricted role, the requests shared round robin between the nodes:
 * every request is refused with a 4xx problem and a code, never a 5xx, and the event store holds not one event more.
 */
@PostgresLedgerApplicationTest
class HostileInputCorpusTest extends HostileInputCorpusContract {

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    AuditProperties properties;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyHostileRequest_refusedWithAProblem_andNothingRecorded_onTwoNodesOfOnePostgres() throws Exception {
        // A second node of this ledger: same database, same data folder (and so the same signing key).
        Path dataDir = properties.keyFile().toAbsolutePath().getParent().getParent();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoalitionApplication.class)
                .profiles("test", "postgres")
                .properties("COALITION_DB_NAME=" + environment.getProperty("COALITION_DB_NAME"),
                        setting("COALITION_DB_USER"), setting("COALITION_DB_PASSWORD"),
                        setting("COALITION_DB_OWNER_USER"), setting("COALITION_DB_OWNER_PASSWORD"),
                        "coalition.data-dir=" + dataDir, "server.port=0")
                .run()) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            String coalition = prepare(port);
            assertAllRefused(run(coalition, List.of(port, secondPort), jdbc));
        }
    }

    private String setting(String name) {
        return name + "=" + environment.getProperty(name, "");
    }
}
