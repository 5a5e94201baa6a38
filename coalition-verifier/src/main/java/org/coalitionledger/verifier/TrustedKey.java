package org.coalitionledger.verifier;

import org.coalitionledger.audit.NoteVerifierKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The {@code --key} argument: a file holding the log's verifier key line, or the line itself. */
final class TrustedKey {

    private TrustedKey() {
    }

    /** @throws IOException if the argument is neither a readable key file nor a verifier key */
    static NoteVerifierKey read(String argument) throws IOException {
        String text = argument.strip();
        Path file = asPath(argument);
        if (file != null && Files.isRegularFile(file)) {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return parse(text, "key file " + file);
        }
        if (!text.contains("+")) {
            throw new IOException("key file " + argument + " does not exist");
        }
        return parse(text, "--key");
    }

    private static NoteVerifierKey parse(String text, String source) throws IOException {
        try {
            return NoteVerifierKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " does not hold a verifier key (name+keyid+base64): " + e.getMessage(), e);
        }
    }

    private static Path asPath(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
