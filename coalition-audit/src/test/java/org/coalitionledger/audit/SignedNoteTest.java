package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.audit.TestKeys.GO_NOTE;
import static org.coalitionledger.audit.TestKeys.GO_TEXT;
import static org.coalitionledger.audit.TestKeys.GO_VERIFIER_KEY;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

    private static final NoteVerifierKey GO_KEY = NoteVerifierKey.parse(GO_VERIFIER_KEY);

    @Test
    void open_acceptsTheGoSumdbNoteReferenceNote() throws NoteVerificationException {
        assertThat(SignedNote.open(GO_NOTE, GO_KEY)).isEqualTo(GO_TEXT);
    }

    @Test
    void sign_withTheGoReferenceKey_reproducesTheGoNoteByteForByte() {
        // Ed25519 is deterministic, so an exact match shows key ID, line layout and signed bytes agree.
        assertThat(SignedNote.sign(GO_TEXT, "PeterNeumann", TestKeys.exampleKeyPair())).isEqualTo(GO_NOTE);
    }

    @Test
    void verifierKey_roundTripsTheGoText_andDerivesItsKeyId() {
        assertThat(GO_KEY.name()).isEqualTo("PeterNeumann");
        assertThat(NoteVerifierKey.hex8(GO_KEY.keyId())).isEqualTo("c74f20a3");
        assertThat(GO_KEY.toText()).isEqualTo(GO_VERIFIER_KEY);
        assertThat(NoteVerifierKey.of("PeterNeumann", GO_KEY.publicKey())).isEqualTo(GO_KEY);
    }

    @Test
    void verifierKey_parse_refusesManglings() {
        List<String> bad = List.of(
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
                "PeterNeumann+c74f20a3",
                "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        for (String text : bad) {
            assertThatThrownBy(() -> NoteVerifierKey.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void open_ignoresSignaturesByUnknownKeys_butNeedsOneByTheTrustedKey() throws NoteVerificationException {
        KeyPair other = Ed25519Keys.generateKeyPair();
        String otherSignature = signatureLines(SignedNote.sign(GO_TEXT, "other.example/key", other));
        String goSignature = signatureLines(GO_NOTE);
        assertThat(SignedNote.open(GO_TEXT + "\n" + otherSignature + goSignature, GO_KEY)).isEqualTo(GO_TEXT);
        assertThat(SignedNote.open(GO_TEXT + "\n" + goSignature + otherSignature, GO_KEY)).isEqualTo(GO_TEXT);

        assertThatThrownBy(() -> SignedNote.open(GO_TEXT + "\n" + otherSignature, GO_KEY))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature by PeterNeumann+c74f20a3")
                .hasMessageContaining("other.example/key");
    }

    @Test
    void open_rejectsTheWholeNote_whenASignatureByTheTrustedKeyFails() {
        String tampered = GO_NOTE.replace("don't", "do");
        assertThatThrownBy(() -> SignedNote.open(tampered, GO_KEY)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("signature by PeterNeumann+c74f20a3 does not verify");

        String forgedSecondLine = signatureLines(SignedNote.sign("other text\n", "PeterNeumann",
                TestKeys.exampleKeyPair()));
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE + forgedSecondLine, GO_KEY))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("does not verify");
    }

    @Test
    void open_rejectsMalformedNotes_sayingWhatIsWrong() {
        String signature = signatureLines(GO_NOTE);
        assertOpenFails(GO_TEXT + signature, "no blank line");
        assertOpenFails(GO_TEXT + "\n", "signature lines must be present");
        assertOpenFails(GO_NOTE.substring(0, GO_NOTE.length() - 1), "end in a newline");
        assertOpenFails(GO_TEXT + "\n" + signature.replace("\u2014", "--"), "em dash");
        assertOpenFails(GO_TEXT + "\n" + signature.replace("PeterNeumann ", "PeterNeumann  "), "base64");
        assertOpenFails(GO_TEXT + "\n" + signature.replace("JnAM=", "JnAM"), "base64");
        assertOpenFails(GO_TEXT + "\n\u2014 PeterNeumann AAAA\n", "4-byte key ID and a signature");
        assertOpenFails(GO_TEXT.replace("problem,", "problem,\r") + "\n" + signature, "control character U+000D");
        assertOpenFails(GO_TEXT + "\n" + signature.repeat(101), "more than the 100");
    }

    @Test
    void sign_refusesTextsAndNamesOutsideTheFormat() {
        KeyPair keyPair = TestKeys.exampleKeyPair();
        assertThatThrownBy(() -> SignedNote.sign("no newline", "k", keyPair))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("tab\there\n", "k", keyPair))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0009");
        assertThatThrownBy(() -> SignedNote.sign("text\n", "a+b", keyPair))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'+'");
        assertThatThrownBy(() -> SignedNote.sign("text\n", "a b", keyPair))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPair mismatched = new KeyPair(Ed25519Keys.generateKeyPair().getPublic(), keyPair.getPrivate());
        assertThatThrownBy(() -> SignedNote.sign("text\n", "k", mismatched))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void ed25519Keys_roundTripRawPublicKeysAndPkcs8PrivateKeys() {
        KeyPair keyPair = Ed25519Keys.generateKeyPair();
        byte[] raw = Ed25519Keys.rawPublicKey(keyPair.getPublic());
        assertThat(raw).hasSize(32);
        assertThat(Ed25519Keys.publicKeyFromRaw(raw).getEncoded()).isEqualTo(keyPair.getPublic().getEncoded());

        byte[] pkcs8 = Ed25519Keys.privateKeyToPkcs8(keyPair.getPrivate());
        KeyPair restored = new KeyPair(keyPair.getPublic(), Ed25519Keys.privateKeyFromPkcs8(pkcs8));
        String note = SignedNote.sign("restored\n", "k", restored);
        assertThat(note).isEqualTo(SignedNote.sign("restored\n", "k", keyPair));
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromRaw(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertOpenFails(String note, String reason) {
        assertThatThrownBy(() -> SignedNote.open(note, GO_KEY)).as(reason)
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining(reason);
    }

    static String signatureLines(String note) {
        return note.substring(note.lastIndexOf("\n\n") + 2);
    }
}
