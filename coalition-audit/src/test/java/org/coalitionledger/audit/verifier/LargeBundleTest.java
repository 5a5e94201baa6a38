package org.coalitionledger.audit.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory, shown rather than assumed: a bundle of 100,000 events is written and then verified, each in a JVM
 * limited to a 256 MB heap, with the offline verifier's own command line.
 */
class LargeBundleTest {

    private static final int EVENTS = 100_000;

    @TempDir
    Path dir;

    @Test
    void bundleOf100000Events_isWrittenAndVerified_withA256MegabyteHeap() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Path key = dir.resolve("vkey");

        Run written = java(LargeBundle.class.getName(), bundle.toString(), key.toString(), String.valueOf(EVENTS));
        assertThat(written.status).as(written.output).isZero();
        assertThat(Files.size(bundle)).isGreaterThan(32L * 1024 * 1024);

        Run verified = java(BundleVerifier.class.getName(), bundle.toString(), "--key", key.toString());
        assertThat(verified.status).as(verified.output).isZero();
        assertThat(verified.output).contains("VERIFIED: " + EVENTS + " events in a log of " + EVENTS + " leaves");
    }

    private record Run(int status, String output) {
    }

    private Run java(String mainClass, String... args) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return new Run(done ? process.exitValue() : -1, text.length() > 4000 ? text.substring(text.length() - 4000)
                : text);
    }

}
