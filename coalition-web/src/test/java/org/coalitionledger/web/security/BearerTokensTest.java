package org.coalitionledger.web.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token seeding: environment first, else random tokens made once and kept in an owner-only file. */
class BearerTokensTest {

    @TempDir
    Path dataDir;

    @Test
    void seededTokens_authenticateTheirRole_andWriteNoFile() {
        var env = new MockEnvironment().withProperty("COALITION_ADMIN_TOKEN", TestTokens.ADMIN)
                .withProperty("COALITION_PARTNER_TOKEN", TestTokens.PARTNER)
                .withProperty("COALITION_AUDITOR_TOKEN", TestTokens.AUDITOR)
                .withProperty("COALITION_MONITOR_TOKEN", TestTokens.MONITOR);
        BearerTokens tokens = new BearerTokens(env, dataDir.toString());
        assertThat(tokens.authenticate(TestTokens.ADMIN)).contains(new Identity("admin", Role.ADMIN,
                "bootstrap:ADMIN", Identity.AuthMethod.BOOTSTRAP_TOKEN));
        assertThat(tokens.authenticate(TestTokens.PARTNER).map(Identity::role)).contains(Role.PARTNER);
        assertThat(tokens.authenticate(TestTokens.AUDITOR).map(Identity::role)).contains(Role.AUDITOR);
        assertThat(tokens.authenticate(TestTokens.MONITOR).map(Identity::role)).contains(Role.MONITOR);
        assertThat(tokens.authenticate("wrong-token-0123456789")).isEmpty();
        assertThat(dataDir.resolve(BearerTokens.FILE_NAME)).doesNotExist();
    }

    @Test
    void withoutSeeds_randomTokensAreWrittenOwnerOnly_andKeptAcrossRestarts() throws IOException {
        var env = new MockEnvironment().withProperty("COALITION_ADMIN_TOKEN", TestTokens.ADMIN);
        new BearerTokens(env, dataDir.toString());
        Path file = dataDir.resolve(BearerTokens.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Properties stored = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            stored.load(reader);
        }
        // The seeded role is not written; the others got random tokens of 256 bits.
        assertThat(stored.stringPropertyNames()).containsExactlyInAnyOrder("COALITION_PARTNER_TOKEN",
                "COALITION_AUDITOR_TOKEN", "COALITION_MONITOR_TOKEN");
        String partner = stored.getProperty("COALITION_PARTNER_TOKEN");
        assertThat(partner).hasSize(43);

        BearerTokens restarted = new BearerTokens(env, dataDir.toString());
        assertThat(restarted.authenticate(partner).map(Identity::role)).contains(Role.PARTNER);
        assertThat(restarted.authenticate(TestTokens.ADMIN).map(Identity::role)).contains(Role.ADMIN);
    }

    @Test
    void aShortOrSharedSeed_stopsTheStart() {
        assertThatThrownBy(() -> new BearerTokens(new MockEnvironment()
                .withProperty("COALITION_ADMIN_TOKEN", "short"), dataDir.toString()))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new BearerTokens(new MockEnvironment()
                .withProperty("COALITION_ADMIN_TOKEN", TestTokens.ADMIN)
                .withProperty("COALITION_PARTNER_TOKEN", TestTokens.ADMIN)
                .withProperty("COALITION_AUDITOR_TOKEN", TestTokens.AUDITOR), dataDir.toString()))
                .hasMessageContaining("same API token");
    }
}
