package org.coalitionledger.log;

import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log's tree on a node holds its tiles' hashes, not every leaf hash: its memory is a 128th of the log's leaves,
 * and a proof reads the tile it needs from the leaf table (a leaf hash changed there since: {@link
 * PostgresInsiderTamperingTest}).
 */
@LedgerApplicationTest
class AuditLogTreeTest {

    private static final int TILE = 1 << AuditLogTree.TILE_HEIGHT;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLogTree tree;
    @Autowired
    AuditLogStore store;

    @Test
    void theTreeHoldsItsTilesHashesOnly_andStillProvesEveryLeaf() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        twoTilesOfEvents(client);
        long size = LogCatchUp.await(jdbc);
        assertThat(size).isGreaterThan(2L * TILE);

        // The tiles' level and those above it (under a 128th of the leaves) and the last tile's leaves.
        assertThat(tree.hashesHeld()).isLessThanOrEqualTo(size / 128 + TILE);

        // Proofs of leaves in complete tiles (read from the table) and in the last one (held) are the whole tree's.
        MerkleTree whole = new MerkleTree();
        store.leaves(0, size).forEach(leaf -> whole.append(leaf.leafHash()));
        for (long leaf : new long[] {3, TILE + 3, size - 1}) {
            String body = client.get().uri("/api/v1/audit/proofs/inclusion?leaf=" + leaf + "&treeSize=" + size)
                    .headers(h -> h.setBearerAuth(TestTokens.AUDITOR)).accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains(HexFormat.of().formatHex(whole.root(size)));
            for (byte[] sibling : whole.inclusionProof(leaf, size)) {
                assertThat(body).contains(HexFormat.of().formatHex(sibling));
            }
        }
    }

    @Test
    void aReadWaitingForTheTable_holdsUpNoOtherRead() throws Exception {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        twoTilesOfEvents(client);
        long size = LogCatchUp.await(jdbc);
        MerkleTree whole = new MerkleTree();
        store.leaves(0, size).forEach(leaf -> whole.append(leaf.leafHash()));
        // The first tile read from the table waits until released: a query that PostgreSQL answers slowly.
        CountDownLatch firstTileAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        AuditLogTree slowTable = new AuditLogTree(new AuditLogStore(jdbc) {
            @Override
            public List<byte[]> leafHashes(long start, long end) {
                if (first.compareAndSet(true, false)) {
                    firstTileAsked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.leafHashes(start, end);
            }
        });
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> waiting = readers.submit(() -> hex(slowTable.read(t -> t.inclusionProof(3, size))));
            assertThat(firstTileAsked.await(30, TimeUnit.SECONDS)).isTrue();

            // A proof from another tile, and the root, while the first read waits for its tile.
            List<String> other = readers.submit(() -> hex(slowTable.read(t -> t.inclusionProof(TILE + 3, size))))
                    .get(10, TimeUnit.SECONDS);
            assertThat(other).isEqualTo(hex(whole.inclusionProof(TILE + 3, size)));
            assertThat(waiting).isNotDone();

            release.countDown();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(hex(whole.inclusionProof(3, size)));
        } finally {
            release.countDown();
            readers.shutdownNow();
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** Records twice a tile's worth of takedown batches in one import (at least a leaf each). */
    static void twoTilesOfEvents(WebTestClient client) {
        String coalition = ApiFixtures.freshId("tiles");
        client.post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(coalition)).exchange()
                .expectStatus().isCreated();
        String lines = IntStream.range(0, 2 * TILE).mapToObj(i -> "{\"command\":\"RecordTakedownBatch\",\"payload\":"
                        + ApiFixtures.takedownBatch("b" + i, "2021-01-01", "2021-01-31", i + 1).strip()
                        .replace('\n', ' ').replaceFirst("\\{", "{\"coalitionId\":\"" + coalition + "\",") + "}")
                .collect(Collectors.joining("\n"));
        client.post().uri("/api/v1/coalitions/{id}/imports", coalition).headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.parseMediaType("application/x-ndjson")).bodyValue(lines).exchange()
                .expectStatus().isCreated();
    }
}
