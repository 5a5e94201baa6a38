package org.coalitionledger.log;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The checkpoint signing keys: Ed25519, kept in files outside the event store (PKCS#8 DER, readable by the owner
 * only, the public key beside each in {@code .pub}), and their chain in the ledger's {@code audit_signing_key}
 * table. The first key is generated on a ledger's first start ({@code coalition.audit.key-file}); rotated keys sit
 * beside it as {@code <key-file>.<key ID in hex>}. Only paths are ever logged, never key material.
 *
 * <p>The key is never silently replaced: a ledger that has signed checkpoints (or rotated) and whose current key
 * file is missing refuses to start, saying how to restore it; a private key file others may read refuses too; a
 * node holding another key than the chain's current one starts but refuses to sign.
 */
@Component
public class CheckpointKeyStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeyStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final AuditLogStore store;
    private final String origin;
    private final Path firstKeyFile;

    private KeyChain chain;
    /** This node's key pair for the chain's current key, or null when it holds another (see {@link #mismatch}). */
    private KeyPair current;
    private String mismatch;

    CheckpointKeyStore(AuditProperties properties, AuditLogStore store) {
        this.store = store;
        this.origin = properties.origin();
        this.firstKeyFile = properties.keyFile().toAbsolutePath().normalize();
        try {
            List<KeyChain.Link> links = store.keyChain();
            if (links.isEmpty()) {
                links = startChain();
            }
            load(links);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint signing key at " + firstKeyFile, e);
        }
    }

    /** The key chain as this node last read it. */
    public synchronized KeyChain chain() {
        return chain;
    }

    /** The chain's current public key. */
    public synchronized NoteVerifierKey verifierKey() {
        return chain.last();
    }

    /**
     * The key pair to sign checkpoints with: the chain's current key, reread from the table first so a rotation on
     * another node is seen.
     *
     * @throws IllegalStateException when this node does not hold the chain's current key
     */
    public synchronized KeyPair signingKeyPair() {
        refresh();
        if (current == null) {
            throw new IllegalStateException(mismatch);
        }
        return current;
    }

    /**
     * Introduces a new key, valid for checkpoints from {@code validFrom} on, with a note the current key signs; the
     * new key's files are written before its chain row, so a crash leaves at worst an unused file.
     */
    public synchronized KeyChain.Link rotate(long validFrom) {
        KeyPair signer = signingKeyPair();
        int index = chain.size();
        KeyPair next = Ed25519Keys.generateKeyPair();
        NoteVerifierKey nextKey = NoteVerifierKey.of(origin, next.getPublic());
        Path file = keyFile(index, nextKey);
        try {
            write(file, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the new signing key at " + file, e);
        }
        KeyChain rotated = chain.rotate(origin, signer, nextKey, validFrom);
        KeyChain.Link link = rotated.links().get(index);
        if (!store.insertKey(index, link, Instant.now())) {
            throw new IllegalStateException("another node rotated the signing key at the same moment; try again");
        }
        chain = rotated;
        current = next;
        log.info("Rotated the checkpoint signing key: key {} ({}) signs checkpoints from tree size {}", index,
                file, validFrom);
        return link;
    }

    private void refresh() {
        List<KeyChain.Link> links = store.keyChain();
        if (links.size() != chain.size()) {
            try {
                load(links);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checkpoint signing key", e);
            }
        }
    }

    /** The first start of a ledger with this table: take the key file (generating it on a new ledger). */
    private List<KeyChain.Link> startChain() throws IOException {
        long checkpoints = store.checkpointCount();
        if (!Files.exists(firstKeyFile)) {
            if (checkpoints > 0) {
                throw new IllegalStateException(missingKey(firstKeyFile, checkpoints));
            }
            generate(firstKeyFile);
        }
        KeyPair first = read(firstKeyFile);
        NoteVerifierKey key = NoteVerifierKey.of(origin, first.getPublic());
        var latest = store.latestCheckpoint();
        if (latest.isPresent()) {
            try {
                Checkpoint.open(latest.get().note(), key, origin);
            } catch (NoteVerificationException e) {
                throw new IllegalStateException("the signing key at " + firstKeyFile + " did not sign this ledger's "
                        + "latest checkpoint (size " + latest.get().treeSize() + "): " + e.getMessage()
                        + ". Restore the ledger's own key file; refusing to start.");
            }
        }
        store.insertKey(0, new KeyChain.Link(key.toText(), 0, null), Instant.now());
        return store.keyChain();
    }

    private void load(List<KeyChain.Link> links) throws IOException {
        KeyChain verified;
        try {
            verified = KeyChain.verify(NoteVerifierKey.parse(links.get(0).verifierKey()), origin, links);
        } catch (NoteVerificationException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key chain in audit_signing_key does not verify: "
                    + e.getMessage());
        }
        int index = verified.size() - 1;
        Path file = keyFile(index, verified.last());
        if (!Files.exists(file)) {
            throw new IllegalStateException(missingKey(file, store.checkpointCount()));
        }
        KeyPair pair = read(file);
        chain = verified;
        if (NoteVerifierKey.of(origin, pair.getPublic()).equals(verified.last())) {
            current = pair;
            mismatch = null;
        } else {
            current = null;
            mismatch = "this node's signing key " + file + " is not the ledger's current key "
                    + verified.last().toText() + " (key " + index + " of the chain); refusing to sign. Install the "
                    + "ledger's key file on this node";
            log.error("Checkpoint signing refused on this node: {}", mismatch);
        }
    }

    private String missingKey(Path file, long checkpoints) {
        return "The ledger has " + checkpoints + " signed checkpoint" + (checkpoints == 1 ? "" : "s") + " and a key "
                + "chain, but its signing key file " + file + " (and " + file + ".pub) is missing. Restore both from "
                + "the ledger's backup (owner-only permissions) and start again; a new key would leave every earlier "
                + "checkpoint unverifiable. Refusing to start.";
    }

    /** The first key's file is the configured one; each rotated key's sits beside it, named by its key ID. */
    private Path keyFile(int index, NoteVerifierKey key) {
        return index == 0 ? firstKeyFile
                : firstKeyFile.resolveSibling(firstKeyFile.getFileName() + "." + NoteVerifierKey.hex8(key.keyId()));
    }

    private static KeyPair read(Path keyFile) throws IOException {
        if (supportsPosix(keyFile)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("the checkpoint signing key " + keyFile + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run chmod 600 on it. Refusing to start.");
            }
        }
        Path publicFile = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
        byte[] rawPublic = Base64.getDecoder().decode(Files.readString(publicFile, StandardCharsets.US_ASCII).strip());
        KeyPair pair = new KeyPair(Ed25519Keys.publicKeyFromRaw(rawPublic),
                Ed25519Keys.privateKeyFromPkcs8(Files.readAllBytes(keyFile)));
        // Signing once proves the two files belong together before any checkpoint depends on them.
        SignedNote.sign("key check\n", "key-check", pair);
        return pair;
    }

    private static void generate(Path keyFile) throws IOException {
        try {
            write(keyFile, Ed25519Keys.generateKeyPair());
            log.info("Generated the checkpoint signing key at {} (public key in {}.pub)", keyFile, keyFile);
        } catch (FileAlreadyExistsException e) {
            // Another process created it at the same moment: use theirs, so there is one key.
        }
    }

    /** Writes the public key, then the private key atomically and owner-only; refuses to overwrite a key. */
    private static void write(Path keyFile, KeyPair pair) throws IOException {
        Path directory = keyFile.getParent();
        boolean posix = supportsPosix(directory.getRoot() == null ? directory : directory.getRoot());
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        if (Files.exists(keyFile)) {
            throw new FileAlreadyExistsException(keyFile.toString());
        }
        Path publicFile = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
        Files.writeString(publicFile, Base64.getEncoder().encodeToString(
                Ed25519Keys.rawPublicKey(pair.getPublic())) + "\n", StandardCharsets.US_ASCII);
        Path temporary = posix
                ? Files.createTempFile(directory, ".signing-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".signing-key", ".tmp");
        try {
            Files.write(temporary, Ed25519Keys.privateKeyToPkcs8(pair.getPrivate()));
            Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
