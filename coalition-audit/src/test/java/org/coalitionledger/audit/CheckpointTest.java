package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    static final String ORIGIN = "coalition-ledger.example/cewto";
    private static final byte[] ROOT_8 = ReferenceVectors.ROOTS.get(8);
    private static final KeyPair KEY_PAIR = TestKeys.exampleKeyPair();
    private static final NoteVerifierKey VERIFIER = NoteVerifierKey.of(ORIGIN, KEY_PAIR.getPublic());

    @Test
    void body_isOriginSizeAndBase64Root_eachOnItsOwnLine() {
        assertThat(new Checkpoint(ORIGIN, 8, ROOT_8).body()).isEqualTo(ORIGIN + "\n"
                + "8\n"
                + "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
        assertThat(new Checkpoint(ORIGIN, 0, ReferenceVectors.ROOTS.get(0)).body())
                .isEqualTo(ORIGIN + "\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    }

    @Test
    void parseBody_readsBackWhatBodyWrote_includingExtensionLines() {
        Checkpoint plain = new Checkpoint(ORIGIN, 8, ROOT_8);
        Checkpoint extended = new Checkpoint(ORIGIN, 8, ROOT_8, List.of("opaque extension", "another"));
        assertThat(Checkpoint.parseBody(plain.body())).isEqualTo(plain);
        assertThat(Checkpoint.parseBody(extended.body())).isEqualTo(extended);
        assertThat(extended.body()).endsWith("\nopaque extension\nanother\n");
    }

    @Test
    void signAndOpen_roundTrip_andTheSignatureLineNamesTheOrigin() throws NoteVerificationException {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 8, ROOT_8);
        String note = checkpoint.sign(ORIGIN, KEY_PAIR);
        assertThat(note).startsWith(checkpoint.body() + "\n\u2014 " + ORIGIN + " ");
        assertThat(Checkpoint.open(note, VERIFIER)).isEqualTo(checkpoint);
        assertThat(Checkpoint.open(note, VERIFIER, ORIGIN)).isEqualTo(checkpoint);
    }

    @Test
    void open_refusesATamperedSizeOrRoot() {
        String note = new Checkpoint(ORIGIN, 8, ROOT_8).sign(ORIGIN, KEY_PAIR);
        String biggerSize = note.replace("\n8\n", "\n9\n");
        String otherRoot = note.replace("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
                "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=");
        for (String tampered : List.of(biggerSize, otherRoot)) {
            assertThat(tampered).isNotEqualTo(note);
            assertThatThrownBy(() -> Checkpoint.open(tampered, VERIFIER))
                    .isInstanceOf(NoteVerificationException.class).hasMessageContaining("does not verify");
        }
    }

    @Test
    void open_refusesOtherKeysAndOtherOrigins() {
        String note = new Checkpoint(ORIGIN, 8, ROOT_8).sign(ORIGIN, KEY_PAIR);
        NoteVerifierKey stranger = NoteVerifierKey.of(ORIGIN, Ed25519Keys.generateKeyPair().getPublic());
        assertThatThrownBy(() -> Checkpoint.open(note, stranger)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature by " + ORIGIN + "+");
        assertThatThrownBy(() -> Checkpoint.open(note, VERIFIER, "coalition-ledger.example/other"))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("not the expected 'coalition-ledger.example/other'");
    }

    @Test
    void open_refusesASignedNoteThatIsNotACheckpoint() {
        String note = SignedNote.sign("just a note\n", ORIGIN, KEY_PAIR);
        assertThatThrownBy(() -> Checkpoint.open(note, VERIFIER)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("signed note is not a checkpoint");
    }

    @Test
    void parseBody_refusesEverythingTheSpecForbids() {
        String root = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
        assertParseFails(ORIGIN + "\n08\n" + root + "\n", "without leading zeroes");
        assertParseFails(ORIGIN + "\n-1\n" + root + "\n", "decimal");
        assertParseFails(ORIGIN + "\n+8\n" + root + "\n", "decimal");
        assertParseFails(ORIGIN + "\n99999999999999999999\n" + root + "\n", "decimal");
        assertParseFails(ORIGIN + "\n9999999999999999999\n" + root + "\n", "too large");
        assertParseFails(ORIGIN + "\n8\n" + root.replace("=", "") + "\n", "base64");
        assertParseFails(ORIGIN + "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n", "canonical base64");
        assertParseFails(ORIGIN + "\n8\n" + "AAAA" + "\n", "32 bytes");
        assertParseFails(ORIGIN + "\n8\n", "has 2");
        assertParseFails(ORIGIN + "\n8\n" + root, "end in a newline");
        assertParseFails(ORIGIN + "\n8\n" + root + "\n\n", "extension lines must not be empty");
        assertParseFails("\n8\n" + root + "\n", "origin must not be empty");
    }

    private static void assertParseFails(String body, String reason) {
        assertThatThrownBy(() -> Checkpoint.parseBody(body)).as(reason)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
