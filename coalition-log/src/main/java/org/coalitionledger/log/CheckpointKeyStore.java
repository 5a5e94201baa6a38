package org.coalitionledger.log;

import org.coalitionledger.audit.Ed25519Keys;
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
import java.util.Base64;
import java.util.Set;

/**
 * The checkpoint signing key: Ed25519, generated on first start and kept in a file outside the event store
 * ({@code coalition.audit.key-file}, PKCS#8 DER, readable by the owner only) with its public key beside it
 * ({@code <key-file>.pub}, base64 of the raw 32 bytes). Only the path is ever logged, never key material.
 */
@Component
public class CheckpointKeyStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeyStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final KeyPair keyPair;
    private final NoteVerifierKey verifierKey;

    CheckpointKeyStore(AuditProperties properties) {
        Path keyFile = properties.keyFile().toAbsolutePath().normalize();
        Path publicFile = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
        try {
            this.keyPair = Files.exists(keyFile) ? load(keyFile, publicFile) : generate(keyFile, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint signing key at " + keyFile, e);
        }
        this.verifierKey = NoteVerifierKey.of(properties.origin(), keyPair.getPublic());
        // Signing once proves the two files belong together before any checkpoint depends on them.
        SignedNote.sign("key check\n", properties.origin(), keyPair);
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public NoteVerifierKey verifierKey() {
        return verifierKey;
    }

    private static KeyPair load(Path keyFile, Path publicFile) throws IOException {
        if (supportsPosix(keyFile)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("Checkpoint signing key {} is readable by others ({}); restrict it to its owner", keyFile,
                        PosixFilePermissions.toString(permissions));
            }
        }
        byte[] rawPublic = Base64.getDecoder().decode(Files.readString(publicFile, StandardCharsets.US_ASCII).strip());
        return new KeyPair(Ed25519Keys.publicKeyFromRaw(rawPublic),
                Ed25519Keys.privateKeyFromPkcs8(Files.readAllBytes(keyFile)));
    }

    private static KeyPair generate(Path keyFile, Path publicFile) throws IOException {
        Path directory = keyFile.getParent();
        boolean posix = supportsPosix(keyFile);
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        KeyPair generated = Ed25519Keys.generateKeyPair();
        // Public key first, private key last and atomically: a crash in between leaves no key file, so the next
        // start simply generates again.
        Files.writeString(publicFile, Base64.getEncoder().encodeToString(
                Ed25519Keys.rawPublicKey(generated.getPublic())) + "\n", StandardCharsets.US_ASCII);
        Path temporary = posix
                ? Files.createTempFile(directory, ".signing-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".signing-key", ".tmp");
        try {
            Files.write(temporary, Ed25519Keys.privateKeyToPkcs8(generated.getPrivate()));
            Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another process created it at the same moment: use theirs, so there is one key.
            Files.deleteIfExists(temporary);
            return load(keyFile, publicFile);
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info("Generated the checkpoint signing key at {} (public key in {})", keyFile, publicFile);
        return generated;
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
