package org.coalitionledger.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * C2SP signed-note (c2sp.org/signed-note) with Ed25519 signatures.
 *
 * <pre>
 * note      = text "\n" signature+          (text ends in "\n"; the "\n" alone is the blank line)
 * signature = "— " keyName " " base64(keyId[4] || ed25519Signature[64]) "\n"
 * </pre>
 *
 * The signature covers the UTF-8 bytes of the text, including its final newline and excluding the blank
 * line. Signatures from keys the verifier does not know are ignored, as the spec requires.
 */
public final class SignedNote {

    /** U+2014 EM DASH then a space: the start of every signature line. */
    static final String SIGNATURE_PREFIX = "\u2014 ";

    /** Limits from golang.org/x/mod/sumdb/note, so that hostile input costs little. */
    static final int MAX_SIGNATURES = 100;
    static final int MAX_NOTE_CHARS = 1 << 20;

    private SignedNote() {
    }

    /**
     * Signs {@code text} with {@code keyPair} under {@code keyName} and returns the note: the text, a blank
     * line and one signature line.
     *
     * @throws IllegalArgumentException if the text or name break the format, or the private key does not
     *                                  match the public key
     */
    public static String sign(String text, String keyName, KeyPair keyPair) {
        requireValidText(text);
        NoteVerifierKey verifierKey = NoteVerifierKey.of(keyName, keyPair.getPublic());
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] signature = ed25519Sign(keyPair.getPrivate(), message);
        // The key ID comes from the public key, the signature from the private one; catch a mismatched
        // pair here rather than publish a checkpoint nobody can verify.
        if (!ed25519Verify(keyPair.getPublic(), message, signature)) {
            throw new IllegalArgumentException("the private key of " + keyName + " does not match its public key");
        }
        byte[] keyIdAndSignature = ByteBuffer.allocate(4 + signature.length)
                .putInt(verifierKey.keyId()).put(signature).array();
        return text + "\n" + SIGNATURE_PREFIX + keyName + " "
                + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }

    /**
     * Checks {@code note} against a trusted verifier key and returns its text.
     *
     * @throws NoteVerificationException if the note is malformed, carries no signature by that key, or a
     *                                   signature by that key does not verify
     */
    public static String open(String note, NoteVerifierKey verifierKey) throws NoteVerificationException {
        Objects.requireNonNull(verifierKey, "verifierKey");
        if (note == null) {
            throw new NoteVerificationException("note is missing");
        }
        if (note.length() > MAX_NOTE_CHARS) {
            throw new NoteVerificationException("note is longer than " + MAX_NOTE_CHARS + " characters");
        }
        String unacceptable = unacceptableCharacter(note);
        if (unacceptable != null) {
            throw new NoteVerificationException("note " + unacceptable);
        }
        int blankLine = note.lastIndexOf("\n\n");
        if (blankLine < 0) {
            throw new NoteVerificationException("note has no blank line separating its text from signatures");
        }
        String text = note.substring(0, blankLine + 1);
        String signatureBlock = note.substring(blankLine + 2);
        if (signatureBlock.isEmpty() || !signatureBlock.endsWith("\n")) {
            throw new NoteVerificationException("note's signature lines must be present and end in a newline");
        }
        List<String> lines = List.of(signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1));
        if (lines.size() > MAX_SIGNATURES) {
            throw new NoteVerificationException("note has " + lines.size() + " signatures, more than the "
                    + MAX_SIGNATURES + " accepted");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        PublicKey publicKey = verifierKey.publicKey();
        boolean verified = false;
        List<String> otherSigners = new ArrayList<>();
        for (String line : lines) {
            ParsedSignature parsed = parseSignatureLine(line);
            if (!parsed.keyName().equals(verifierKey.name()) || parsed.keyId() != verifierKey.keyId()) {
                // Unknown key: ignored by the spec, remembered only to explain a failure.
                otherSigners.add(parsed.keyName() + "+" + NoteVerifierKey.hex8(parsed.keyId()));
                continue;
            }
            if (parsed.signature().length != Ed25519Keys.SIGNATURE_SIZE
                    || !ed25519Verify(publicKey, message, parsed.signature())) {
                throw new NoteVerificationException("signature by " + verifierKey.name() + "+"
                        + NoteVerifierKey.hex8(verifierKey.keyId()) + " does not verify: the note text was "
                        + "altered or was not signed by this key");
            }
            verified = true;
        }
        if (!verified) {
            throw new NoteVerificationException("note has no signature by " + verifierKey.name() + "+"
                    + NoteVerifierKey.hex8(verifierKey.keyId()) + "; it is signed only by " + otherSigners);
        }
        return text;
    }

    private record ParsedSignature(String keyName, int keyId, byte[] signature) {
    }

    private static ParsedSignature parseSignatureLine(String line) throws NoteVerificationException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new NoteVerificationException("signature line does not start with an em dash and a space: '"
                    + line + "'");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0) {
            throw new NoteVerificationException("signature line has no key name: '" + line + "'");
        }
        String keyName = rest.substring(0, space);
        String encoded = rest.substring(space + 1);
        try {
            NoteVerifierKey.requireValidKeyName(keyName);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("signature line has an invalid key name: " + e.getMessage(), e);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("signature by " + keyName + " is not standard base64", e);
        }
        if (decoded.length < 5 || !Base64.getEncoder().encodeToString(decoded).equals(encoded)) {
            throw new NoteVerificationException("signature by " + keyName
                    + " must be canonical base64 of a 4-byte key ID and a signature");
        }
        ByteBuffer buffer = ByteBuffer.wrap(decoded);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new ParsedSignature(keyName, keyId, signature);
    }

    private static void requireValidText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end in a newline");
        }
        String unacceptable = unacceptableCharacter(text);
        if (unacceptable != null) {
            throw new IllegalArgumentException("note text " + unacceptable);
        }
    }

    /** Why {@code s} is not valid signed-note text (UTF-8, no control characters but newline), or null. */
    static String unacceptableCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                return "contains control character U+" + String.format("%04X", (int) c) + " at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid Unicode: unpaired surrogate at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "is not valid Unicode: unpaired surrogate at position " + i;
            }
        }
        return null;
    }

    private static byte[] ed25519Sign(PrivateKey privateKey, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static boolean ed25519Verify(PublicKey publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // The JDK throws rather than returning false for some malformed signatures; both mean "invalid".
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification could not run", e);
        }
    }
}
