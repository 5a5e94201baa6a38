package org.coalitionledger.audit;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key of the golang.org/x/mod/sumdb/note tests ("PeterNeumann"), public test data: its
 * seed and public key are published, so it is fit for examples and nothing else.
 */
final class TestKeys {

    private TestKeys() {
    }

    static final String GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    /** Base64 of 0x01 || seed, from the Go signer key PRIVATE+KEY+PeterNeumann+c74f20a3+... */
    static final String GO_SIGNER_KEY_MATERIAL = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n"
            + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    /** The published example key pair, usable under any key name. */
    static KeyPair exampleKeyPair() {
        byte[] signerMaterial = Base64.getDecoder().decode(GO_SIGNER_KEY_MATERIAL);
        byte[] seed = Arrays.copyOfRange(signerMaterial, 1, signerMaterial.length);
        NoteVerifierKey verifierKey = NoteVerifierKey.parse(GO_VERIFIER_KEY);
        return new KeyPair(verifierKey.publicKey(), Ed25519Keys.privateKeyFromSeed(seed));
    }

    /** A second fixed key pair (seed 0x01 0x02 ... 0x20), for the key-rotation example. */
    static KeyPair secondExampleKeyPair() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i + 1);
        }
        // The JDK derives the public key only while generating; a random source that yields the seed makes it so.
        java.security.SecureRandom fixed = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        };
        try {
            var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, fixed);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
