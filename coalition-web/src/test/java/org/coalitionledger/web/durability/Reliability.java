package org.coalitionledger.web.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the kill tests leave their figures: {@code target/reliability/*.md}, the source of docs/reliability.md. */
final class Reliability {

    private Reliability() {
    }

    static void write(String file, String markdown) {
        Path folder = Path.of("target", "reliability");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(file), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
