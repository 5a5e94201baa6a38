package org.coalitionledger.web.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The bootstrap bearer tokens, one per role. {@code COALITION_ADMIN_TOKEN}, {@code COALITION_PARTNER_TOKEN},
 * {@code COALITION_AUDITOR_TOKEN} and {@code COALITION_MONITOR_TOKEN} seed them; a role without one gets a random token made on first start and kept
 * in {@code <coalition.data-dir>/api-tokens.properties}, readable by its owner only, so it survives restarts. Only
 * the file's path is logged, never a token; only digests are kept in memory for comparison.
 */
@Component
public class BearerTokens {

    static final String FILE_NAME = "api-tokens.properties";
    static final int MIN_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Role, byte[]> digests = new EnumMap<>(Role.class);

    public BearerTokens(Environment environment, @Value("${coalition.data-dir:./data}") String dataDir) {
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String seeded = environment.getProperty(envName(role));
            if (seeded != null && !seeded.isBlank()) {
                tokens.put(role, check(role, seeded.strip()));
            }
        }
        if (tokens.size() < Role.values().length) {
            tokens.putAll(fromFile(Path.of(dataDir).resolve(FILE_NAME), tokens.keySet()));
        }
        if (Set.copyOf(tokens.values()).size() != tokens.size()) {
            throw new IllegalStateException("two roles have the same API token; give each role its own");
        }
        tokens.forEach((role, token) -> digests.put(role, digest(token)));
    }

    static String envName(Role role) {
        return "COALITION_" + role.name() + "_TOKEN";
    }

    /**
     * The identity of a presented bootstrap token (the role's lower-case name as subject); compares digests in
     * constant time.
     */
    public Optional<Identity> authenticate(String token) {
        byte[] presented = digest(token);
        Identity found = null;
        for (Map.Entry<Role, byte[]> entry : digests.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)) {
                found = new Identity(entry.getKey().name().toLowerCase(java.util.Locale.ROOT), entry.getKey(),
                        "bootstrap:" + entry.getKey().name(), Identity.AuthMethod.BOOTSTRAP_TOKEN);
            }
        }
        return Optional.ofNullable(found);
    }

    private static String check(Role role, String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalStateException(envName(role) + " must be at least " + MIN_LENGTH + " characters");
        }
        return token;
    }

    /** Reads the token file, adding random tokens for the roles still without one (and saving them). */
    private static Map<Role, String> fromFile(Path file, Set<Role> seeded) {
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            Map<Role, String> result = new EnumMap<>(Role.class);
            boolean changed = false;
            for (Role role : Role.values()) {
                if (seeded.contains(role)) {
                    continue;
                }
                String token = stored.getProperty(envName(role));
                if (token == null || token.isBlank()) {
                    byte[] bytes = new byte[32];
                    RANDOM.nextBytes(bytes);
                    token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    stored.setProperty(envName(role), token);
                    changed = true;
                }
                result.put(role, check(role, token.strip()));
            }
            if (changed) {
                write(file, stored);
            }
            log.info("API tokens for roles {} are in {} (readable by its owner only)", result.keySet(),
                    file.toAbsolutePath());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API token file " + file.toAbsolutePath(), e);
        }
    }

    /** Writes to a temporary file created owner-only, then moves it into place: the tokens are never exposed. */
    private static void write(Path file, Properties tokens) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = posix
                ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        if (!posix) {
            var io = temp.toFile();
            // Non-POSIX file systems: the best we can do is owner-only read/write flags.
            boolean restricted = io.setReadable(false, false) && io.setReadable(true, true)
                    && io.setWritable(false, false) && io.setWritable(true, true);
            if (!restricted) {
                log.warn("could not restrict the permissions of {}", file.toAbsolutePath());
            }
        }
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            tokens.store(writer, "Coalition Ledger API bearer tokens, one per role. Keep this file secret.");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
