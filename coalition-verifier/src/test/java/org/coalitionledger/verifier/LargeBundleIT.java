package org.coalitionledger.verifier;

import org.coalitionledger.audit.verifier.LargeBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory, shown rather than assumed: a bundle of 100,000 events is written in one streaming pass, then
 * verified by the packaged jar ({@code java -Xmx256m -jar coalition-verifier.jar bundle ...}), each in a JVM
 * limited to a 256 MB heap.
 */
class LargeBundleIT {

    private static final int EVENTS = 100_000;
    private static final Path JAR = Path.of(System.getProperty("coalition.verifier.jar",
            "target/coalition-verifier.jar"));

    @TempDir
    Path dir;

    @Test
    void bundleOf100000Events_isWrittenAndVerified_withA256MegabyteHeap() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Path key = dir.resolve("vkey");

        Run written = java(List.of("-cp", System.getProperty("java.class.path"), LargeBundle.class.getName(),
                bundle.toString(), key.toString(), String.valueOf(EVENTS)));
        assertThat(written.status).as(written.output).isZero();
        assertThat(Files.size(bundle)).isGreaterThan(32L * 1024 * 1024);

        Run verified = java(List.of("-jar", JAR.toAbsolutePath().toString(), "bundle", bundle.toString(), "--key",
                key.toString()));
        assertThat(verified.status).as(verified.output).isZero();
        assertThat(verified.output).contains("VERIFIED: " + EVENTS + " events in a log of " + EVENTS + " leaves");
    }

    private record Run(int status, String output) {
    }

    private Run java(List<String> arguments) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return new Run(done ? process.exitValue() : -1,
                text.length() > 4000 ? text.substring(text.length() - 4000) : text);
    }
}
