package org.coalitionledger.verifier;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerifierKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live check against a log served over real HTTP, with real signatures and proofs. */
class LiveCommandTest {

    @TempDir
    Path dir;

    private TestLogServer ledger;
    private Path keyFile;
    private Path state;
    private Path kept;

    @BeforeEach
    void startTheLedger() throws Exception {
        ledger = new TestLogServer();
        keyFile = Files.writeString(dir.resolve("vkey"), ledger.verifierKey.toText() + "\n");
        state = dir.resolve("state");
        kept = state.resolve(KeptCheckpoints.fileName(TestLogServer.ORIGIN));
    }

    @AfterEach
    void stopTheLedger() {
        ledger.close();
    }

    private VerifierRun live(String... extra) {
        String[] args = {"live", "--url", ledger.url().toString(), "--key", keyFile.toString(), "--state",
                state.toString(), "--token", TestLogServer.AUDITOR_TOKEN};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return VerifierRun.of(all);
    }

    @Test
    void live_verified_keepingTheFirstCheckpoint_thenProvingEachNewOneConsistentWithIt() throws Exception {
        String five = ledger.serve(TestLogServer.tree(5));
        VerifierRun first = live();
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(first.verdict()).startsWith("VERIFIED: checkpoint of size 5 ").contains("first checkpoint seen");
        assertThat(Files.readString(kept)).isEqualTo(five);

        String nine = ledger.serve(TestLogServer.tree(9));
        VerifierRun grown = live();
        assertThat(grown.exitCode()).as(grown.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(grown.verdict()).startsWith("VERIFIED: checkpoint of size 9 ")
                .contains("is validly signed and consistent with the checkpoint of size 5 ");
        assertThat(grown.err()).contains("consistency proof of ", " hashes verified");
        assertThat(ledger.requests).contains(LedgerClient.CONSISTENCY_PATH + "?first=5&second=9 [token]");
        assertThat(Files.readString(kept)).isEqualTo(nine);

        ledger.requests.clear();
        VerifierRun unchanged = live();
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(unchanged.verdict()).endsWith("the log has not grown");
        assertThat(ledger.requests).containsExactly(LedgerClient.CHECKPOINT_PATH + " [token]",
                LedgerClient.KEYS_PATH + " [token]");
    }

    @Test
    void live_failed_whenTheLedgerRewroteHistory_keepingTheOldCheckpoint() throws Exception {
        String nine = keep(9);
        // Leaf 3 onwards rewritten, and the log grown so that it looks like progress.
        ledger.serve(TestLogServer.tree(12, 3));

        VerifierRun forked = live();

        assertThat(forked.exitCode()).as(forked.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(forked.verdict()).startsWith("FAILED: fork: the ledger's checkpoint of size 12 ")
                .contains("is not consistent with the checkpoint of size 9 ")
                .endsWith("history before size 9 was rewritten");
        assertThat(forked.err()).contains("signed note:\n" + nine);
        assertThat(Files.readString(kept)).isEqualTo(nine);
    }

    @Test
    void live_failed_whenTheLedgerShowsASmallerTree_orAnotherRootForTheSameSize() throws Exception {
        String nine = keep(9);

        ledger.serve(TestLogServer.tree(7));
        VerifierRun rewound = live();
        assertThat(rewound.exitCode()).as(rewound.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(rewound.verdict()).startsWith("FAILED: fork or rollback: the ledger now signs checkpoint of size 7")
                .endsWith("an append-only log never shrinks");
        assertThat(Files.readString(kept)).isEqualTo(nine);

        ledger.serve(TestLogServer.tree(9, 8));
        VerifierRun rewritten = live();
        assertThat(rewritten.exitCode()).as(rewritten.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(rewritten.verdict()).contains("(two different signed roots for the same size)");
        assertThat(Files.readString(kept)).isEqualTo(nine);
    }

    @Test
    void live_failed_whenTheCheckpointIsNotSignedByTheTrustedKey() throws Exception {
        String nine = keep(9);
        var tree = TestLogServer.tree(10);
        ledger.serve(tree, new Checkpoint(TestLogServer.ORIGIN, 10, tree.root())
                .sign(TestLogServer.ORIGIN, Ed25519Keys.generateKeyPair()));

        VerifierRun run = live();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(run.verdict()).startsWith("FAILED: the ledger's latest checkpoint does not verify with the "
                + "trusted key chain: note has no signature by " + TestLogServer.ORIGIN + "+");
        assertThat(Files.readString(kept)).isEqualTo(nine);
    }

    @Test
    void live_verified_acrossKeyRotations_followingTheChainFromTheFirstKey() throws Exception {
        keep(5);
        ledger.rotate(7);
        String nine = ledger.serve(TestLogServer.tree(9));

        VerifierRun rotated = live();

        assertThat(rotated.exitCode()).as(rotated.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(rotated.err()).contains("key chain: 2 keys from the trusted key " + ledger.verifierKey.toText());
        assertThat(rotated.verdict()).contains("consistent with the checkpoint of size 5 ");
        assertThat(Files.readString(kept)).isEqualTo(nine);

        ledger.rotate(10);
        ledger.serve(TestLogServer.tree(12));
        VerifierRun again = live();
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(again.verdict()).contains("consistent with the checkpoint of size 9 ");
    }

    @Test
    void live_failed_whenAKeyIsIntroducedByAnotherKeyThanTheChainsLast() throws Exception {
        String five = keep(5);
        // An insider with a key of their own publishes it as the next key, introduced by that same key.
        KeyPair insider = Ed25519Keys.generateKeyPair();
        KeyChain.Link forged = KeyChain.of(NoteVerifierKey.of(TestLogServer.ORIGIN, insider.getPublic()))
                .rotate(TestLogServer.ORIGIN, insider, NoteVerifierKey.of(TestLogServer.ORIGIN, insider.getPublic()), 7)
                .links().get(1);
        ledger.forgedChain = List.of(ledger.chain.links().get(0), forged);
        MerkleTree tree = TestLogServer.tree(9);
        ledger.serve(tree, new Checkpoint(TestLogServer.ORIGIN, 9, tree.root()).sign(TestLogServer.ORIGIN, insider));

        VerifierRun run = live();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(run.verdict()).startsWith("FAILED: the ledger's key chain does not follow from the trusted key: "
                + "key 1 of the chain is not introduced by key 0");
        assertThat(Files.readString(kept)).isEqualTo(five);
    }

    @Test
    void live_failed_whenTheCheckpointIsOfAnotherLog() throws Exception {
        var tree = TestLogServer.tree(4);
        ledger.serve(tree, new Checkpoint(TestLogServer.ORIGIN, 4, tree.root())
                .sign(TestLogServer.ORIGIN, ledger.keyPair));

        VerifierRun run = live("--origin", "ledger.test/other");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(run.verdict()).contains("checkpoint is for origin '" + TestLogServer.ORIGIN
                + "', not the expected 'ledger.test/other'");
        assertThat(state).doesNotExist();
    }

    @Test
    void live_cannotVerify_withoutTheAuditorToken_keepingTheOldCheckpoint() throws Exception {
        String nine = keep(9);
        ledger.serve(TestLogServer.tree(11));

        VerifierRun run = VerifierRun.of("live", "--url", ledger.url().toString(), "--key", keyFile.toString(),
                "--state", state.toString(), "--token", "not-the-auditor-token-at-all");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(run.verdict()).startsWith("FAILED: cannot verify: GET " + ledger.url()
                + LedgerClient.CONSISTENCY_PATH + "?first=9&second=11 answered HTTP 401 (give an auditor token");
        assertThat(Files.readString(kept)).isEqualTo(nine);
    }

    @Test
    void live_cannotVerify_beforeTheFirstCheckpoint_orWhenTheLedgerIsUnreachable() {
        VerifierRun none = live();
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(none.verdict()).startsWith("FAILED: cannot verify: GET " + ledger.url()
                + LedgerClient.CHECKPOINT_PATH + " answered HTTP 404: ").contains("no checkpoint has been signed yet");

        ledger.close();
        VerifierRun down = live("--timeout", "5");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(down.verdict()).startsWith("FAILED: cannot verify: cannot reach " + ledger.url()
                + LedgerClient.CHECKPOINT_PATH);
        assertThat(state).doesNotExist();
    }

    /** Serves a log of {@code size} leaves and lets the verifier keep its checkpoint. */
    private String keep(int size) throws Exception {
        String note = ledger.serve(TestLogServer.tree(size));
        VerifierRun run = live();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(Files.readString(kept)).isEqualTo(note);
        return note;
    }
}
