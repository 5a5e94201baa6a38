package org.coalitionledger.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Conversions between JDK Ed25519 keys and the raw 32-byte public key of RFC 8032 that signed notes
 * use, plus PKCS#8 storage of private keys. JDK providers only; no BouncyCastle.
 */
public final class Ed25519Keys {

    /** Length of a raw Ed25519 public key, and of a private key seed. */
    public static final int KEY_SIZE = 32;

    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_SIZE = 64;

    // DER SubjectPublicKeyInfo header for Ed25519 (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 },
    // BIT STRING (33 bytes: 0 unused bits + 32 key bytes) }. The raw key is what follows it.
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** The raw 32-byte RFC 8032 encoding of an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey publicKey) {
        byte[] spki = publicKey.getEncoded();
        if (!"X.509".equals(publicKey.getFormat()) || spki == null
                || spki.length != SPKI_PREFIX.length + KEY_SIZE
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + publicKey.getAlgorithm());
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /** The JDK public key for a raw 32-byte RFC 8032 Ed25519 public key. */
    public static PublicKey publicKeyFromRaw(byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + KEY_SIZE + " bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_SIZE);
        System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, KEY_SIZE);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /** The PKCS#8 DER encoding of a private key, for storage. */
    public static byte[] privateKeyToPkcs8(PrivateKey privateKey) {
        if (!"PKCS#8".equals(privateKey.getFormat())) {
            throw new IllegalArgumentException("private key has no PKCS#8 encoding: " + privateKey.getFormat());
        }
        return privateKey.getEncoded();
    }

    /** The Ed25519 private key stored as PKCS#8 DER. */
    public static PrivateKey privateKeyFromPkcs8(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key", e);
        }
    }

    /** The Ed25519 private key with the given 32-byte RFC 8032 seed. */
    public static PrivateKey privateKeyFromSeed(byte[] seed) {
        if (seed == null || seed.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key seed is " + KEY_SIZE + " bytes");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 private key seed", e);
        }
    }
}
