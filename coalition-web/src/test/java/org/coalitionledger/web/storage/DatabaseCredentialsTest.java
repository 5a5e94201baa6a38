package org.coalitionledger.web.storage;

import org.coalitionledger.CoalitionApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The postgres profile has no default credentials: a start without them fails at once, naming the variables to set.
 * No database is needed: nothing connects before the check. Empty command-line values hide any the machine has.
 */
class DatabaseCredentialsTest {

    private static void start(String user, String password, String ownerUser, String ownerPassword) {
        List<String> args = new ArrayList<>(List.of("--COALITION_DB_USER=" + user, "--COALITION_DB_PASSWORD=" + password,
                "--COALITION_DB_OWNER_USER=" + ownerUser, "--COALITION_DB_OWNER_PASSWORD=" + ownerPassword,
                "--COALITION_DB_PORT=1", "--coalition.data-dir=./target/test-data/credentials-" + UUID.randomUUID()));
        new SpringApplicationBuilder(CoalitionApplication.class).profiles("postgres").logStartupInfo(false)
                .run(args.toArray(String[]::new)).close();
    }

    @Test
    void postgresStart_rejected_withoutCredentials_namingEveryVariable() {
        assertThatThrownBy(() -> start("", "", "", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The postgres profile has no default database credentials: set "
                        + "COALITION_DB_USER, COALITION_DB_PASSWORD, COALITION_DB_OWNER_USER, "
                        + "COALITION_DB_OWNER_PASSWORD (");
    }

    @Test
    void postgresStart_rejected_withoutTheOwnersCredentials_namingThem() {
        assertThatThrownBy(() -> start("app", "secret", "", " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The postgres profile has no default database credentials: set "
                        + "COALITION_DB_OWNER_USER, COALITION_DB_OWNER_PASSWORD (");
    }

    @Test
    void postgresStart_rejected_whenTheApplicationWouldOwnTheSchema() {
        assertThatThrownBy(() -> start("ledger", "secret", "ledger", "secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("COALITION_DB_USER and COALITION_DB_OWNER_USER are both 'ledger': the application must "
                        + "not own the schema, or it could rewrite the log (see README, Database roles)");
    }
}
