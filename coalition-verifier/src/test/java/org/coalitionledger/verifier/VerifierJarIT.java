package org.coalitionledger.verifier;

import org.coalitionledger.audit.verifier.TestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run as an auditor runs it: {@code java -jar coalition-verifier.jar} and nothing else. */
class VerifierJarIT {

    private static final Path JAR = Path.of(System.getProperty("coalition.verifier.jar",
            "target/coalition-verifier.jar"));

    @TempDir
    Path dir;

    @Test
    void jar_runsAlone_printingItsVersionAndVerifyingABundle() throws Exception {
        assertThat(JAR).isRegularFile();

        Result version = javaJar("--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("coalition-verifier " + CoalitionVerifier.Version.version());

        TestLedger ledger = TestLedger.firstYear();
        Path bundle = dir.resolve("audit-bundle.json");
        Files.write(bundle, ledger.bundle().bytes());
        Files.writeString(dir.resolve("vkey"), ledger.verifierKey.toText() + "\n");

        Result verified = javaJar("bundle", "audit-bundle.json", "--key", "vkey");
        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(verified.output()).contains("VERIFIED: 6 events in a log of 6 leaves");
        // Axon and Jackson run inside the jar without a word on the auditor's terminal.
        assertThat(verified.output()).doesNotContain("SLF4J", "WARN", "Exception");

        Result usage = javaJar("bundle", "audit-bundle.json");
        assertThat(usage.exitCode()).as(usage.output()).isEqualTo(CoalitionVerifier.USAGE);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the jar in the temporary directory with no class path but its own. */
    private Result javaJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the verifier finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
