package org.coalitionledger.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The auditor's memory between runs: per log origin, the last signed checkpoint note that verified, kept as the
 * exact note text in {@code <state dir>/<origin, percent-encoded>.checkpoint}. Replaced atomically, and only after a
 * newer checkpoint was proved consistent with it.
 */
final class KeptCheckpoints {

    private final Path dir;

    KeptCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** Where the checkpoint of {@code origin} is kept. */
    Path file(String origin) {
        return dir.resolve(fileName(origin));
    }

    Optional<String> load(String origin) throws IOException {
        Path file = file(origin);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }

    void keep(String origin, String note) throws IOException {
        Files.createDirectories(dir);
        Path file = file(origin);
        Path next = Files.createTempFile(dir, ".checkpoint-", ".tmp");
        try {
            Files.writeString(next, note, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /**
     * An origin such as {@code ledger.example.org/cewto} as one safe file name: letters, digits, {@code - _} and
     * inner dots stay, every other byte becomes {@code %XX}, so distinct origins never share a file.
     */
    static String fileName(String origin) {
        StringBuilder name = new StringBuilder();
        for (byte b : origin.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || (c == '.' && name.length() > 0);
            if (plain) {
                name.append((char) c);
            } else {
                name.append('%').append(String.format("%02X", c));
            }
        }
        return name + ".checkpoint";
    }
}
