package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.audit.ReferenceVectors.hex;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every example value in docs/audit-format.md, recomputed by the code, so the document cannot drift. */
class AuditFormatDocTest {

    private static final String ORIGIN = "coalition-ledger.example/cewto";
    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        // Surefire runs in the module directory; the doc lives at the repository root.
        doc = Files.readString(Path.of("..", "docs", "audit-format.md"), StandardCharsets.UTF_8);
    }

    @Test
    void leafEncodingExample_isWhatTheCodeProduces() {
        StoredEvent example = LeafEncodingTest.EXAMPLE;
        assertThat(example.globalIndex()).isEqualTo(41);
        assertThat(doc).contains("| eventId | `" + example.eventId() + "` |")
                .contains("| payloadType | `" + example.payloadType() + "` |")
                .contains("| timestamp | `" + example.timestamp() + "` |");
        assertDocContainsBlock(hex(LeafEncoding.encode(example)));
        assertDocContainsBlock(hex(LeafEncoding.leafHash(example)));
    }

    @Test
    void leafEncodingV2Example_isWhatTheCodeProduces() {
        StoredEvent example = LeafEncodingTest.EXAMPLE;
        assertThat(doc).contains("| loggedAt | `" + LeafEncodingTest.EXAMPLE_LOGGED_AT + "` |");
        assertDocContainsBlock(hex(LeafEncoding.encodeV2(example, LeafEncodingTest.EXAMPLE_LOGGED_AT)));
        assertDocContainsBlock(hex(LeafEncoding.leafHashV2(example, LeafEncodingTest.EXAMPLE_LOGGED_AT)));
    }

    @Test
    void keyIntroductionExample_isWhatTheCodeProduces() throws NoteVerificationException {
        KeyPair first = TestKeys.exampleKeyPair();
        NoteVerifierKey firstKey = NoteVerifierKey.of(ORIGIN, first.getPublic());
        NoteVerifierKey second = NoteVerifierKey.of(ORIGIN, TestKeys.secondExampleKeyPair().getPublic());
        KeyChain chain = KeyChain.of(firstKey).rotate(ORIGIN, first, second, 9);
        String note = chain.links().get(1).introduction();
        assertDocContainsBlock(note.substring(0, note.length() - 1));
        assertThat(KeyChain.verify(firstKey, ORIGIN, chain.links()).keyFor(9)).isEqualTo(second);
    }

    @Test
    void treeAndProofExamples_areWhatTheCodeProduces() {
        MerkleTree tree = ReferenceVectors.referenceTree();
        assertThat(doc).contains("`" + hex(tree.root(0)) + "`")
                .contains("size 1: " + hex(tree.root(1)))
                .contains("size 8: " + hex(tree.root(8)));
        assertDocContainsBlock(String.join("\n  ", hex(tree.inclusionProof(5, 8))));
        assertDocContainsBlock(String.join("\n  ", hex(tree.consistencyProof(6, 8))));
    }

    @Test
    void keyAndCheckpointExamples_areWhatTheCodeProduces() throws NoteVerificationException {
        KeyPair keyPair = TestKeys.exampleKeyPair();
        byte[] signerMaterial = Base64.getDecoder().decode(TestKeys.GO_SIGNER_KEY_MATERIAL);
        assertThat(doc).contains("`" + hex(Arrays.copyOfRange(signerMaterial, 1, signerMaterial.length)) + "`")
                .contains("`" + hex(Ed25519Keys.rawPublicKey(keyPair.getPublic())) + "`");

        NoteVerifierKey verifierKey = NoteVerifierKey.of(ORIGIN, keyPair.getPublic());
        assertDocContainsBlock(verifierKey.toText());
        assertThat(doc).contains("key ID `" + NoteVerifierKey.hex8(verifierKey.keyId()) + "`");

        Checkpoint checkpoint = new Checkpoint(ORIGIN, 8, ReferenceVectors.ROOTS.get(8));
        String note = checkpoint.sign(ORIGIN, keyPair);
        assertDocContainsBlock(note.substring(0, note.length() - 1));
        assertThat(Checkpoint.open(note, verifierKey, ORIGIN)).isEqualTo(checkpoint);
    }

    /** Every field of the bundle's records is documented by name, so the format and its document move together. */
    @Test
    void auditBundleSection_documentsEveryFieldOfTheFormat() {
        String section = doc.substring(doc.indexOf("## 6. Audit bundle"));
        assertThat(section).contains("`" + BundleHeader.FORMAT + "`");
        for (Class<?> type : List.of(BundleHeader.class, KeyChain.Link.class, BundleEntry.class, BundleLeaf.class,
                BundleEvent.class, BundleView.class)) {
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(section).as("%s.%s", type.getSimpleName(), component.getName())
                        .contains("`" + component.getName() + "`");
            }
        }
        assertThat(section).contains("java -jar coalition-verifier/target/coalition-verifier.jar bundle audit-bundle.json --key vkey");
    }

    /** The value must appear as a whole fenced code block (possibly indented under a list item). */
    private static void assertDocContainsBlock(String value) {
        List<String> fences = List.of("```\n" + value + "\n```", "  ```\n  " + value + "\n  ```");
        assertThat(fences.stream().anyMatch(doc::contains)).as("docs/audit-format.md shows:%n%s", value).isTrue();
    }
}
