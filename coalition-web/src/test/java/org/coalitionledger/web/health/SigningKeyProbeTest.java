package org.coalitionledger.web.health;

import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.log.CheckpointKeyStore;
import org.coalitionledger.support.ProbeFaultsApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness and the checkpoint signing key: another node rotates the key and this node lacks the new key's file, so
 * it can no longer sign. The node is then not ready, and says why; once the key file is installed it is ready again
 * without a restart. Liveness stays UP throughout: a restart would not bring the file.
 */
@ProbeFaultsApplicationTest
class SigningKeyProbeTest {

    @LocalServerPort
    int port;

    @Autowired
    CheckpointKeyStore keys;

    @Autowired
    AuditLogStore store;

    @Autowired
    AuditProperties audit;

    @Test
    void readiness_down_whileThisNodeLacksTheCurrentSigningKey_andUpOnceItIsInstalled() throws Exception {
        Probes probes = new Probes(port);
        assertThat(probes.awaitStatus(Probes.READINESS, 200).component("signingKey")).isEqualTo("UP");

        // Another node's rotation: the current key introduces a new one, whose private key only that node holds.
        KeyChain chain = keys.chain();
        KeyPair next = Ed25519Keys.generateKeyPair();
        NoteVerifierKey nextKey = NoteVerifierKey.of(audit.origin(), next.getPublic());
        long validFrom = store.latestCheckpoint().map(AuditLogStore.StoredCheckpoint::treeSize).orElse(0L);
        KeyChain rotated = chain.rotate(audit.origin(), keys.signingKeyPair(), nextKey, validFrom);
        assertThat(store.insertKey(chain.size(), rotated.links().get(chain.size()), Instant.now())).isTrue();

        Probes.Answer notReady = probes.awaitStatus(Probes.READINESS, 503);
        assertThat(notReady.body().path("status").asString()).isEqualTo("DOWN");
        assertThat(notReady.component("signingKey")).isEqualTo("DOWN");
        assertThat(notReady.details("signingKey").path("error").asString()).contains("is missing");
        assertThat(notReady.component("eventStore")).isEqualTo("UP");
        assertThat(probes.anonymous(Probes.READINESS).body().has("components")).isFalse();
        assertThat(probes.monitor(Probes.LIVENESS).status()).isEqualTo(200);

        // The operator installs the ledger's current key on this node (owner-only, as the node writes its own).
        Path keyFile = audit.keyFile().toAbsolutePath().normalize();
        Path installed = keyFile.resolveSibling(keyFile.getFileName() + "." + NoteVerifierKey.hex8(nextKey.keyId()));
        Files.writeString(installed.resolveSibling(installed.getFileName() + ".pub"),
                Base64.getEncoder().encodeToString(Ed25519Keys.rawPublicKey(next.getPublic())) + "\n",
                StandardCharsets.US_ASCII);
        Files.createFile(installed, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(installed, Ed25519Keys.privateKeyToPkcs8(next.getPrivate()));

        Probes.Answer ready = probes.awaitStatus(Probes.READINESS, 200);
        assertThat(ready.component("signingKey")).isEqualTo("UP");
        assertThat(ready.details("signingKey").path("key").asInt()).isEqualTo(chain.size());
    }
}
