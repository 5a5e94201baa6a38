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
