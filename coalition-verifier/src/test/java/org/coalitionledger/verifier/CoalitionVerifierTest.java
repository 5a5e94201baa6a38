package org.coalitionledger.verifier;

import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.verifier.TestLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CoalitionVerifierTest {

    private final TestLedger ledger = TestLedger.firstYear();

    @TempDir
    Path dir;

    private Path bundleFile;
    private Path keyFile;

    @BeforeEach
    void writeTheHonestBundleAndKey() throws Exception {
        bundleFile = dir.resolve("audit-bundle.json");
        keyFile = dir.resolve("vkey");
        Files.write(bundleFile, ledger.bundle().bytes());
        Files.writeString(keyFile, ledger.verifierKey.toText() + "\n");
    }

    @Test
    void help_accepted_listingTheCommandsAndEveryExitCode() {
        VerifierRun help = VerifierRun.of("--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: coalition-verifier", "bundle", "live", "Exit codes:",
                "0   verified: every check held",
                "1   verification failed: tampering, a fork,",
                "2   usage error: wrong or missing arguments",
                "3   cannot verify: a file could not be read");
        for (String command : new String[] {"bundle", "live"}) {
            VerifierRun commandHelp = VerifierRun.of(command, "--help");
            assertThat(commandHelp.exitCode()).isZero();
            assertThat(commandHelp.out()).contains("Usage: coalition-verifier " + command, "--key", "Exit codes:",
                    "3   cannot verify");
        }
    }

    @Test
    void version_accepted_namingTheBuiltVersion() {
        VerifierRun version = VerifierRun.of("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out().lines().findFirst()).hasValueSatisfying(line ->
                assertThat(line).matches("coalition-verifier \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
        assertThat(version.out()).contains("Java " + Runtime.version());
    }

    @Test
    void run_rejectedAsUsageError_withoutACommandOrWithWrongArguments() {
        VerifierRun noCommand = VerifierRun.of();
        assertThat(noCommand.exitCode()).isEqualTo(CoalitionVerifier.USAGE);
        assertThat(noCommand.verdict()).isEqualTo("FAILED: usage error: no command given");
        assertThat(noCommand.err()).contains("Usage: coalition-verifier");

        VerifierRun noKey = VerifierRun.of("bundle", bundleFile.toString());
        assertThat(noKey.exitCode()).isEqualTo(CoalitionVerifier.USAGE);
        assertThat(noKey.verdict()).startsWith("FAILED: usage error: Missing required option: '--key");
        assertThat(noKey.err()).contains("Usage: coalition-verifier bundle");

        assertThat(VerifierRun.of("bundle", bundleFile.toString(), "--key", keyFile.toString(), "--frobnicate")
                .exitCode()).isEqualTo(CoalitionVerifier.USAGE);
        assertThat(VerifierRun.of("audit", bundleFile.toString()).exitCode()).isEqualTo(CoalitionVerifier.USAGE);

        VerifierRun ftp = VerifierRun.of("live", "--url", "ftp://ledger.example.org", "--key", keyFile.toString(),
                "--state", dir.resolve("state").toString());
        assertThat(ftp.exitCode()).as(ftp.toString()).isEqualTo(CoalitionVerifier.USAGE);
        assertThat(ftp.verdict()).isEqualTo("FAILED: usage error: --url must be an http or https URL, got "
                + "'ftp://ledger.example.org'");
    }

    @Test
    void bundle_verified_withAKeyFileOrKeyText_andAnEarlierCheckpoint() throws Exception {
        Path earlier = Files.writeString(dir.resolve("earlier.txt"), ledger.checkpoint(4));

        VerifierRun run = VerifierRun.of("bundle", bundleFile.toString(), "--key", keyFile.toString(),
                "--checkpoint", earlier.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
        assertThat(run.out().lines()).singleElement().asString().startsWith("VERIFIED: 6 events in a log of 6 leaves");
        assertThat(run.err()).contains("reading " + bundleFile, "key chain: 1 key from the trusted key",
                "earlier checkpoint: size 4");

        VerifierRun keyAsText = VerifierRun.of("bundle", bundleFile.toString(), "--key", ledger.verifierKey.toText());
        assertThat(keyAsText.exitCode()).as(keyAsText.toString()).isEqualTo(CoalitionVerifier.VERIFIED);
    }

    @Test
    void bundle_failed_whenAPublishedFigureWasAltered() throws Exception {
        String json = Files.readString(bundleFile);
        assertThat(json).contains("\"listingsRemoved\":1000001");
        Files.writeString(bundleFile, json.replaceFirst("\"listingsRemoved\":1000001", "\"listingsRemoved\":1000000"));

        VerifierRun run = VerifierRun.of("bundle", bundleFile.toString(), "--key", keyFile.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(run.out().lines()).singleElement().asString().startsWith("FAILED: 1 problem; first: view ")
                .contains("coalition cewto", "listingsRemoved: published 1000000, recomputed 1000001");
        assertThat(run.err()).contains("problem: view ");
    }

    @Test
    void bundle_failed_whenTheFileIsNotABundle() throws Exception {
        byte[] json = Files.readAllBytes(bundleFile);
        Files.write(bundleFile, Arrays.copyOf(json, json.length / 2));

        VerifierRun cut = VerifierRun.of("bundle", bundleFile.toString(), "--key", keyFile.toString());

        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(cut.verdict()).startsWith("FAILED: ")
                .contains("the bundle is not readable as the documented format");
    }

    @Test
    void bundle_failed_whenSignedByAnotherKeyThanTheTrustedOne() throws Exception {
        NoteVerifierKey impostor = NoteVerifierKey.of(TestLedger.ORIGIN, Ed25519Keys.generateKeyPair().getPublic());

        VerifierRun run = VerifierRun.of("bundle", bundleFile.toString(), "--key", impostor.toText());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CoalitionVerifier.FAILED);
        assertThat(run.verdict()).startsWith("FAILED: ").contains("not the trusted key " + impostor.toText());
    }

    @Test
    void bundle_cannotVerify_whenAnInputCannotBeRead() throws Exception {
        VerifierRun missing = VerifierRun.of("bundle", dir.resolve("nothing.json").toString(), "--key",
                keyFile.toString());
        assertThat(missing.exitCode()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(missing.verdict()).isEqualTo("FAILED: cannot verify: no such file: " + dir.resolve("nothing.json"));

        Path notAKey = Files.writeString(dir.resolve("not-a-key"), "hello\n", StandardCharsets.UTF_8);
        VerifierRun badKey = VerifierRun.of("bundle", bundleFile.toString(), "--key", notAKey.toString());
        assertThat(badKey.exitCode()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(badKey.verdict()).startsWith("FAILED: cannot verify: key file " + notAKey
                + " does not hold a verifier key");

        VerifierRun noKeyFile = VerifierRun.of("bundle", bundleFile.toString(), "--key",
                dir.resolve("vkey2").toString());
        assertThat(noKeyFile.exitCode()).isEqualTo(CoalitionVerifier.CANNOT_VERIFY);
        assertThat(noKeyFile.verdict()).isEqualTo("FAILED: cannot verify: key file " + dir.resolve("vkey2")
                + " does not exist");
    }

    /** The README tells auditors the exit codes; they must be the ones the tool uses. */
    @Test
    void readme_documentsTheJarAndItsExitCodes() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String auditing = readme.substring(readme.indexOf("**Auditing.**"), readme.indexOf("## Modules"))
                .replaceAll("\\s+", " ");
        assertThat(auditing).contains("java -jar coalition-verifier/target/coalition-verifier.jar bundle "
                        + "audit-bundle.json --key vkey",
                "java -jar coalition-verifier/target/coalition-verifier.jar live --url ",
                "exit code " + CoalitionVerifier.VERIFIED + " ", CoalitionVerifier.FAILED + " if a check failed",
                CoalitionVerifier.USAGE + " for a usage error", CoalitionVerifier.CANNOT_VERIFY + " if an input");
    }
}
