package org.coalitionledger.audit;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the log's origin, a tree size and the root hash at
 * that size, signed as a {@link SignedNote}.
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal, no leading zeroes&gt;\n
 * &lt;base64 of the 32-byte root hash&gt;\n
 * [&lt;extension line&gt;\n ...]
 * </pre>
 *
 * The spec allows opaque extension lines but does NOT RECOMMEND them (monitors cannot audit them), so the
 * ledger signs none; they are accepted and preserved when parsing someone else's checkpoint.
 *
 * @param origin         the log's identity, e.g. {@code coalition-ledger.example/cewto}
 * @param treeSize       the number of leaves
 * @param rootHash       the RFC 9162 root hash at {@code treeSize}
 * @param extensionLines opaque, non-empty lines after the root hash; usually none
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensionLines) {

    public Checkpoint {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("checkpoint origin must not be empty");
        }
        requireOneLine(origin, "origin");
        if (treeSize < 0) {
            throw new IllegalArgumentException("checkpoint tree size must not be negative: " + treeSize);
        }
        MerkleTree.requireHash(rootHash, "checkpoint root hash");
        rootHash = rootHash.clone();
        extensionLines = List.copyOf(extensionLines);
        for (String line : extensionLines) {
            if (line.isEmpty()) {
                throw new IllegalArgumentException("checkpoint extension lines must not be empty");
            }
            requireOneLine(line, "extension line");
        }
    }

    /** A checkpoint without extension lines, the form the ledger signs. */
    public Checkpoint(String origin, long treeSize, byte[] rootHash) {
        this(origin, treeSize, rootHash, List.of());
    }

    /** The note text: origin, size, base64 root and any extension lines, each ending in a newline. */
    public String body() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(treeSize).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String line : extensionLines) {
            body.append(line).append('\n');
        }
        return body.toString();
    }

    /** Parses a checkpoint body (the text of a signed note, without the signatures). */
    public static Checkpoint parseBody(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint body must end in a newline");
        }
        List<String> lines = List.of(body.substring(0, body.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new IllegalArgumentException(
                    "checkpoint body needs origin, tree size and root hash lines, has " + lines.size());
        }
        String sizeText = lines.get(1);
        if (!sizeText.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException(
                    "checkpoint tree size must be decimal without leading zeroes: '" + sizeText + "'");
        }
        long treeSize;
        try {
            treeSize = Long.parseLong(sizeText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint tree size is too large: " + sizeText, e);
        }
        String rootText = lines.get(2);
        byte[] root;
        try {
            root = Base64.getDecoder().decode(rootText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root hash is not standard base64: '" + rootText + "'", e);
        }
        if (root.length != MerkleHashes.HASH_SIZE || !Base64.getEncoder().encodeToString(root).equals(rootText)) {
            throw new IllegalArgumentException(
                    "checkpoint root hash must be the canonical base64 of 32 bytes: '" + rootText + "'");
        }
        return new Checkpoint(lines.get(0), treeSize, root, new ArrayList<>(lines.subList(3, lines.size())));
    }

    /** Signs this checkpoint as a signed note; the key name should be the origin (the spec says SHOULD). */
    public String sign(String keyName, KeyPair keyPair) {
        return SignedNote.sign(body(), keyName, keyPair);
    }

    /** Verifies a signed checkpoint against a trusted key and returns it. */
    public static Checkpoint open(String note, NoteVerifierKey verifierKey) throws NoteVerificationException {
        String body = SignedNote.open(note, verifierKey);
        try {
            return parseBody(body);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("signed note is not a checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a signed checkpoint against a trusted key and checks it comes from the expected log, so a
     * checkpoint of another log signed by the same key is not mistaken for this one.
     */
    public static Checkpoint open(String note, NoteVerifierKey verifierKey, String expectedOrigin)
            throws NoteVerificationException {
        Checkpoint checkpoint = open(note, verifierKey);
        if (!checkpoint.origin().equals(expectedOrigin)) {
            throw new NoteVerificationException("checkpoint is for origin '" + checkpoint.origin()
                    + "', not the expected '" + expectedOrigin + "'");
        }
        return checkpoint;
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    private static void requireOneLine(String value, String what) {
        String unacceptable = SignedNote.unacceptableCharacter(value);
        if (unacceptable != null || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("checkpoint " + what + " must be a single line of valid text: '"
                    + value + "'");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && extensionLines.equals(that.extensionLines);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(origin, treeSize, extensionLines) + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace("\n", " | ") + "]";
    }
}
