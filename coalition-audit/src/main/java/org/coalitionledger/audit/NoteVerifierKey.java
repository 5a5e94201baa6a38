package org.coalitionledger.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A C2SP signed-note Ed25519 verifier key: the key name, its 4-byte key ID and the raw public key.
 *
 * <p>Text form ("vkey"), as used by golang.org/x/mod/sumdb/note and c2sp.org/signed-note:
 * {@code <name>+<key ID as 8 lowercase hex digits>+<base64(0x01 || 32-byte public key)>}, where
 * key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4] read big-endian.
 *
 * @param name         the key name; non-empty, no Unicode spaces, no '+'
 * @param keyId        the key ID, derived from name and key
 * @param rawPublicKey the 32-byte RFC 8032 public key
 */
public record NoteVerifierKey(String name, int keyId, byte[] rawPublicKey) {

    /** The c2sp.org/signed-note signature type byte of Ed25519. */
    static final byte ED25519_SIGNATURE_TYPE = 0x01;

    public NoteVerifierKey {
        requireValidKeyName(name);
        if (rawPublicKey == null || rawPublicKey.length != Ed25519Keys.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + Ed25519Keys.KEY_SIZE + " bytes");
        }
        rawPublicKey = rawPublicKey.clone();
        int expected = keyId(name, rawPublicKey);
        if (keyId != expected) {
            throw new IllegalArgumentException("key ID " + hex8(keyId) + " does not belong to key " + name
                    + "; it should be " + hex8(expected));
        }
    }

    /** The verifier key named {@code name} for a JDK Ed25519 public key. */
    public static NoteVerifierKey of(String name, PublicKey publicKey) {
        byte[] raw = Ed25519Keys.rawPublicKey(publicKey);
        requireValidKeyName(name);
        return new NoteVerifierKey(name, keyId(name, raw), raw);
    }

    /** Parses the text form {@code name+hex8+base64(0x01||key)}, checking that the key ID matches. */
    public static NoteVerifierKey parse(String text) {
        Objects.requireNonNull(text, "verifier key text");
        // The name has no '+', the key ID neither; the base64 part may contain '+', so split only twice.
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key must be name+keyid+key, got " + parts.length
                    + " part(s)");
        }
        String idText = parts[1];
        if (!idText.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("verifier key ID must be 8 lowercase hex digits, got '" + idText
                    + "'");
        }
        byte[] typeAndKey;
        try {
            typeAndKey = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verifier key material is not standard base64: " + e.getMessage(),
                    e);
        }
        if (!Base64.getEncoder().encodeToString(typeAndKey).equals(parts[2])) {
            throw new IllegalArgumentException("verifier key material is not canonical base64");
        }
        if (typeAndKey.length != 1 + Ed25519Keys.KEY_SIZE || typeAndKey[0] != ED25519_SIGNATURE_TYPE) {
            throw new IllegalArgumentException(
                    "verifier key material must be 0x01 followed by a 32-byte Ed25519 key");
        }
        int keyId = (int) Long.parseLong(idText, 16);
        return new NoteVerifierKey(parts[0], keyId, Arrays.copyOfRange(typeAndKey, 1, typeAndKey.length));
    }

    /** The text form {@code name+hex8+base64(0x01||key)}. */
    public String toText() {
        byte[] typeAndKey = new byte[1 + Ed25519Keys.KEY_SIZE];
        typeAndKey[0] = ED25519_SIGNATURE_TYPE;
        System.arraycopy(rawPublicKey, 0, typeAndKey, 1, Ed25519Keys.KEY_SIZE);
        return name + "+" + hex8(keyId) + "+" + Base64.getEncoder().encodeToString(typeAndKey);
    }

    /** The JDK public key, for {@link java.security.Signature}. */
    public PublicKey publicKey() {
        return Ed25519Keys.publicKeyFromRaw(rawPublicKey);
    }

    @Override
    public byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    /** SHA-256(name || 0x0A || 0x01 || rawPublicKey)[:4] as a big-endian int. */
    public static int keyId(String name, byte[] rawPublicKey) {
        MessageDigest digest = MerkleHashes.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ED25519_SIGNATURE_TYPE);
        digest.update(rawPublicKey);
        return ByteBuffer.wrap(digest.digest()).getInt();
    }

    /** Key names must be non-empty and contain no Unicode space, no '+' and (being one line) no control. */
    static void requireValidKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name must not be empty");
        }
        name.codePoints().forEach(c -> {
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("key name '" + name
                        + "' must not contain '+', spaces or control characters");
            }
        });
    }

    public static String hex8(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifierKey that && name.equals(that.name) && keyId == that.keyId
                && Arrays.equals(rawPublicKey, that.rawPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(name, keyId) + Arrays.hashCode(rawPublicKey);
    }

    @Override
    public String toString() {
        return toText();
    }
}
