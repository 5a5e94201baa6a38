package org.coalitionledger.log;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleHashes;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing key is never silently replaced, and a checkpoint another node signs meanwhile is not taken for removed
 * leaves: the key store and the signing on a real (H2 file) ledger database migrated by the application's own
 * migrations, with real key files.
 */
class CheckpointKeyLifecycleTest {

    private static final String ORIGIN = "coalition-ledger.test/keys";

    @TempDir
    Path dir;
    Path keyFile;
    JdbcDataSource dataSource;
    AuditLogStore store;
    AuditProperties properties;

    @BeforeEach
    void ledger() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        store = new AuditLogStore(new JdbcTemplate(dataSource));
        keyFile = dir.resolve("keys").resolve("signing-key.p8");
        properties = new AuditProperties(ORIGIN, keyFile, null, 0, null, 0, null);
    }

    @Test
    void newLedger_generatesAnOwnerOnlyKey_andStartsTheChainWithIt() throws Exception {
        CheckpointKeyStore keys = new CheckpointKeyStore(properties, store);

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.keyChain()).singleElement().satisfies(link -> {
            assertThat(link.verifierKey()).isEqualTo(keys.verifierKey().toText());
            assertThat(link.validFrom()).isZero();
            assertThat(link.introduction()).isNull();
        });
        // A second start on the same ledger takes the same key.
        assertThat(new CheckpointKeyStore(properties, store).verifierKey()).isEqualTo(keys.verifierKey());
    }

    @Test
    void ledgerWithCheckpoints_whoseKeyFileIsGone_refusesToStart_sayingHowToRestoreIt() throws Exception {
        signFirstCheckpoint(new CheckpointKeyStore(properties, store));
        Files.delete(keyFile);
        Files.delete(keyFile.resolveSibling("signing-key.p8.pub"));

        assertThatThrownBy(() -> new CheckpointKeyStore(properties, store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 1 signed checkpoint")
                .hasMessageContaining(keyFile.toAbsolutePath().toString())
                .hasMessageContaining("Restore both from the ledger's backup")
                .hasMessageContaining("Refusing to start");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void keyFileReadableByOthers_refusesToStart() throws Exception {
        new CheckpointKeyStore(properties, store);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new CheckpointKeyStore(properties, store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is readable by others (rw-r--r--)")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void nodeWithAnotherKey_startsButRefusesToSign() throws Exception {
        signFirstCheckpoint(new CheckpointKeyStore(properties, store));
        KeyPair other = Ed25519Keys.generateKeyPair();
        Files.write(keyFile, Ed25519Keys.privateKeyToPkcs8(other.getPrivate()));
        Files.writeString(keyFile.resolveSibling("signing-key.p8.pub"),
                Base64.getEncoder().encodeToString(Ed25519Keys.rawPublicKey(other.getPublic())) + "\n",
                StandardCharsets.US_ASCII);
        CheckpointKeyStore swapped = new CheckpointKeyStore(properties, store);
        store.appendLeaf(new LogLeaf(0, 1, "event-1", MerkleHashes.leafHash(new byte[] {1})), null);

        assertThatThrownBy(swapped::signingKeyPair).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the ledger's current key").hasMessageContaining("refusing to sign");
        CheckpointService service = new CheckpointService(store, new AuditLogTree(store), swapped, properties, null,
                null, null);
        assertThatThrownBy(service::checkpointNow).isInstanceOf(CheckpointService.SigningRefusedException.class)
                .hasMessageContaining("refusing to sign");
        assertThat(store.checkpointCount()).isEqualTo(1);
    }

    @Test
    void checkpointSignedByAnotherNodeWhileThisOneCatchesUp_isNotTakenForRemovedLeaves() throws Exception {
        CheckpointKeyStore keys = new CheckpointKeyStore(properties, store);
        signFirstCheckpoint(keys);
        store.appendLeaf(new LogLeaf(0, 1, "event-1", MerkleHashes.leafHash(new byte[] {1})), null);
        // This node's tree reads the leaves (one), then waits before it goes on: meanwhile a second leaf is
        // logged and another node signs the log at two leaves.
        CountDownLatch caughtUp = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        AuditLogTree slowTree = new AuditLogTree(new AuditLogStore(new JdbcTemplate(dataSource)) {
            @Override
            public List<LogLeaf> leaves(long start, long end) {
                List<LogLeaf> leaves = super.leaves(start, end);
                if (first.compareAndSet(true, false)) {
                    caughtUp.countDown();
                    try {
                        goOn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return leaves;
            }
        });
        CheckpointService thisNode = new CheckpointService(store, slowTree, keys, properties, null, null, null);
        CheckpointService otherNode = new CheckpointService(store, new AuditLogTree(store), keys, properties, null,
                null, null);
        ExecutorService signer = Executors.newSingleThreadExecutor();
        try {
            Future<CheckpointService.Signed> signing = signer.submit(thisNode::checkpointNow);
            assertThat(caughtUp.await(30, TimeUnit.SECONDS)).isTrue();
            store.appendLeaf(new LogLeaf(1, 2, "event-2", MerkleHashes.leafHash(new byte[] {2})), null);
            assertThat(otherNode.checkpointNow().checkpoint().treeSize()).isEqualTo(2);
            goOn.countDown();

            // This node signs the log as its tree holds it, one leaf; it does not refuse for leaves removed.
            CheckpointService.Signed signed = signing.get(30, TimeUnit.SECONDS);
            assertThat(signed.checkpoint().treeSize()).isEqualTo(1);
            assertThat(store.checkpointCount()).isEqualTo(3);
        } finally {
            goOn.countDown();
            signer.shutdownNow();
        }
    }

    @Test
    void leavesRemovedBehindASignedCheckpoint_areNamed_andNothingIsSigned() {
        CheckpointKeyStore keys = new CheckpointKeyStore(properties, store);
        signFirstCheckpoint(keys);
        store.appendLeaf(new LogLeaf(0, 1, "event-1", MerkleHashes.leafHash(new byte[] {1})), null);
        store.appendLeaf(new LogLeaf(1, 2, "event-2", MerkleHashes.leafHash(new byte[] {2})), null);
        new CheckpointService(store, new AuditLogTree(store), keys, properties, null, null, null).checkpointNow();
        new JdbcTemplate(dataSource).update("delete from audit_leaf where leaf_index = 1");

        // A node started afterwards builds its tree from the table: one leaf, under a checkpoint of two.
        CheckpointService restarted = new CheckpointService(store, new AuditLogTree(store), keys, properties, null,
                null, null);
        assertThatThrownBy(restarted::checkpointNow).isInstanceOf(CheckpointService.SigningRefusedException.class)
                .hasMessageContaining("the log holds 1 leaves but a checkpoint of 2 was signed")
                .hasMessageContaining("leaves were removed");
        assertThat(store.checkpointCount()).isEqualTo(2);
    }

    /** The ledger's first checkpoint (of the empty log), signed with the key store's key. */
    private void signFirstCheckpoint(CheckpointKeyStore keys) {
        String note = new Checkpoint(ORIGIN, 0, MerkleHashes.emptyTreeHash()).sign(ORIGIN, keys.signingKeyPair());
        store.insertCheckpoint(new AuditLogStore.StoredCheckpoint(0, MerkleHashes.emptyTreeHash(), note,
                Instant.now()));
    }
}
