package org.coalitionledger.web.audit;

import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.verifier.BundleVerification;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.web.audit.AuditTestSupport.admin;
import static org.coalitionledger.web.audit.AuditTestSupport.get;

/** An honest ledger's bundle verifies offline whatever is being written while it is built. */
@LedgerApplicationTest
class BundleUnderLoadTest {

    private static final int WRITERS = 8;
    private static final int BUNDLES = 20;

    @LocalServerPort
    int port;

    @Test
    void twentyBundlesTakenWhileEightClientsWrite_allVerifyOffline() throws Exception {
        // Bundles grow with the writes; on a busy machine one can take longer than the usual response timeout.
        WebTestClient client = AuditTestSupport.client(port).mutate()
                .responseTimeout(java.time.Duration.ofMinutes(3)).build();
        String coalition = ApiFixtures.freshId("load");
        client.post().uri("/api/v1/coalitions").headers(admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.foundCoalition(coalition)).exchange().expectStatus().isCreated();
        NoteVerifierKey firstKey = NoteVerifierKey.parse(AuditJson.mapper().readTree(client.get()
                        .uri("/api/v1/audit/keys").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                        .expectBody(byte[].class).returnResult().getResponseBody())
                .get("keys").get(0).get("verifierKey").asString());

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(writers.submit((java.util.concurrent.Callable<Void>) () -> {
                for (int i = 0; writing.get(); i++) {
                    client.post().uri("/api/v1/coalitions/" + coalition + "/takedown-batches").headers(admin())
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(ApiFixtures.takedownBatch("w" + writer + "-" + i, "2021-01-01", "2021-01-31",
                                    i + 1))
                            .exchange().expectStatus().isCreated();
                    written.incrementAndGet();
                    Thread.sleep(50); // a steady stream of writes, not a flood that only measures the machine
                }
                return null;
            }));
        }
        List<String> failures = new ArrayList<>();
        long previousSize = -1;
        try {
            for (int b = 0; b < BUNDLES; b++) {
                long size = AuditJson.mapper().readTree(client.post().uri("/api/v1/audit/checkpoints")
                        .headers(admin()).accept(MediaType.APPLICATION_JSON).exchange()
                        .expectStatus().is2xxSuccessful().expectBody(byte[].class).returnResult().getResponseBody())
                        .get("treeSize").asLong();
                byte[] bundle = get(client, "/api/v1/audit/bundle?to=" + size).exchange().expectStatus().isOk()
                        .expectBody(byte[].class).returnResult().getResponseBody();
                BundleVerification.Report report = BundleVerification.verify(new ByteArrayInputStream(bundle),
                        firstKey, null, line -> { });
                if (!report.verified()) {
                    failures.add("bundle " + b + " of size " + size + ": " + report.problems());
                }
                assertThat(size).isGreaterThanOrEqualTo(previousSize);
                previousSize = size;
            }
        } finally {
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> writer : running) {
            writer.get(); // a writer's failure fails the test
        }
        assertThat(failures).isEmpty();
        assertThat(written.get()).as("writes made while the bundles were taken").isGreaterThan(BUNDLES);
    }
}
