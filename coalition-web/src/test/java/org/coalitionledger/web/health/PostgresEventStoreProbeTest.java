package org.coalitionledger.web.health;

import org.coalitionledger.support.LedgerProcess;
import org.coalitionledger.support.PostgresTestDatabase;
import org.coalitionledger.support.SchemaOwner;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness and an event store the node cannot read: the schema owner revokes the application role's right to read
 * the event table, as a botched grant would. The node is not ready (the event store check names the failure) but
 * stays live: restarting it would not mend the database, and every node would restart together. Once the right is
 * granted back the node is ready again. A PostgreSQL database of its own, so no other test's ledger is touched.
 */
@EnabledIfSystemProperty(named = "coalition.postgres.tests", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"COALITION_DB_OWNER_USER=postgres", "COALITION_DB_OWNER_PASSWORD=postgres",
                "COALITION_DB_USER=" + PostgresTestDatabase.APPLICATION_ROLE,
                "COALITION_DB_PASSWORD=" + PostgresTestDatabase.APPLICATION_ROLE,
                "coalition.data-dir=./target/test-data/pg-probes-${random.uuid}",
                "coalition.first-year-history.enabled=false",
                "spring.flyway.clean-disabled=false"})
@ActiveProfiles({"test", "postgres", "pgtest"})
class PostgresEventStoreProbeTest {

    @LocalServerPort
    int port;

    @Autowired
    Flyway flyway;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String database = LedgerProcess.freshDatabase("probes");
        registry.add("COALITION_DB_NAME", () -> database);
    }

    @Test
    void readiness_down_andLiveness_up_whileTheEventStoreCannotBeRead() {
        Probes probes = new Probes(port);
        probes.awaitStatus(Probes.READINESS, 200);
        JdbcTemplate owner = SchemaOwner.jdbc(flyway);
        owner.execute("revoke select on domain_event_entry from " + PostgresTestDatabase.APPLICATION_ROLE);
        try {
            Probes.Answer notReady = probes.awaitStatus(Probes.READINESS, 503);
            assertThat(notReady.body().path("status").asString()).isEqualTo("DOWN");
            assertThat(notReady.component("eventStore")).isEqualTo("DOWN");
            assertThat(notReady.details("eventStore").path("error").asString()).contains("permission denied");
            assertThat(probes.anonymous(Probes.READINESS).body().has("components")).isFalse();

            Probes.Answer live = probes.monitor(Probes.LIVENESS);
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body().path("status").asString()).isEqualTo("UP");
            assertThat(probes.anonymous(Probes.LIVENESS).status()).isEqualTo(200);
        } finally {
            owner.execute("grant select on domain_event_entry to " + PostgresTestDatabase.APPLICATION_ROLE);
        }
        assertThat(probes.awaitStatus(Probes.READINESS, 200).component("eventStore")).isEqualTo("UP");
        assertThat(probes.monitor(Probes.LIVENESS).status()).isEqualTo(200);
    }
}
