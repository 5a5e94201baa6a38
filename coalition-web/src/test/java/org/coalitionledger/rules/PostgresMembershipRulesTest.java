package org.coalitionledger.rules;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.support.PostgresLedgerApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * The membership rules on PostgreSQL with two nodes: the racing report goes to a second application on the same
 * database (and data folder, so both sign with the one checkpoint key), where no in-process lock can help; only
 * the coalition stream's unique (aggregate, sequence) key stands between the two writes.
 */
@PostgresLedgerApplicationTest
class PostgresMembershipRulesTest extends MembershipRulesContract {

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext firstNode;

    /**
     * The first node's data folder, as it resolved it ({@code ${random.uuid}} in the test properties resolves anew
     * on every read), found from its checkpoint key file, {@code <data-dir>/audit/<key>}. The log module is on the
     * runtime classpath only, hence the reflection.
     */
    private String firstNodeDataDir() {
        try {
            Object audit = firstNode.getBean(Class.forName("org.coalitionledger.log.AuditProperties"));
            Path keyFile = (Path) audit.getClass().getMethod("keyFile").invoke(audit);
            return keyFile.toAbsolutePath().getParent().getParent().toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot find the first node's data folder", e);
        }
    }

    @Override
    protected synchronized int secondNodePort() {
        if (secondNode == null) {
            secondNode = new SpringApplicationBuilder(CoalitionApplication.class)
                    .profiles("test", "postgres")
                    .properties("COALITION_DB_NAME=" + environment.getProperty("COALITION_DB_NAME"),
                            setting("COALITION_DB_USER"), setting("COALITION_DB_PASSWORD"),
                            setting("COALITION_DB_OWNER_USER"), setting("COALITION_DB_OWNER_PASSWORD"),
                            "coalition.data-dir=" + firstNodeDataDir(),
                            "server.port=0")
                    .run();
        }
        return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }

    /** A database setting as the first node has it (the test profiles give the roles). */
    private String setting(String name) {
        return name + "=" + environment.getProperty(name, "");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }
}
