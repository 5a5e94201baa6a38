package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint signature checked by OpenSSL, an Ed25519 implementation that shares nothing with ours:
 * the signed bytes are the note body, the signature the last 64 bytes of the signature line.
 * Skipped (not failed) on machines without OpenSSL 3, whose pkeyutl lacks -rawin.
 */
class OpenSslSignatureTest {

    @TempDir
    Path dir;

    private static final KeyPair KEY_PAIR = Ed25519Keys.generateKeyPair();
    private static final String ORIGIN = CheckpointTest.ORIGIN;

    @BeforeAll
    static void requireOpenSsl3() throws InterruptedException {
        String version;
        try {
            version = run(List.of("openssl", "version"), Path.of(".")).output();
        } catch (IOException e) {
            version = "not runnable: " + e.getMessage();
        }
        if ("true".equals(System.getenv("CI"))) {
            // In CI this cross-check is a promise of issue 5: it must run, never be skipped.
            assertThat(version).as("OpenSSL 3 on the CI machine").startsWith("OpenSSL 3");
        }
        // Elsewhere (a fresh machine with only a JDK) it is skipped, saying why.
        assumeTrue(version.startsWith("OpenSSL 3"), "OpenSSL 3 is needed, found: " + version);
    }

    @Test
    void openssl_verifiesTheCheckpointSignature_overTheNoteBody() throws Exception {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 8, ReferenceVectors.ROOTS.get(8));
        String note = checkpoint.sign(ORIGIN, KEY_PAIR);
        writeInputs(checkpoint.body(), note);

        Result result = verifyWithOpenSsl();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Signature Verified Successfully");
    }

    @Test
    void openssl_rejectsTheSignature_whenTheBodyIsTampered() throws Exception {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 8, ReferenceVectors.ROOTS.get(8));
        String note = checkpoint.sign(ORIGIN, KEY_PAIR);
        writeInputs(checkpoint.body().replace("\n8\n", "\n9\n"), note);

        Result result = verifyWithOpenSsl();

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).doesNotContain("Signature Verified Successfully");
    }

    private void writeInputs(String body, String note) throws IOException {
        String signatureLine = note.substring(note.lastIndexOf("\n\n") + 2).trim();
        byte[] keyIdAndSignature = Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1));
        byte[] signature = Arrays.copyOfRange(keyIdAndSignature, 4, keyIdAndSignature.length);
        assertThat(signature).hasSize(64);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEY_PAIR.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("pub.pem"), pem, StandardCharsets.US_ASCII);
        Files.write(dir.resolve("body.txt"), body.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("sig.bin"), signature);
    }

    private Result verifyWithOpenSsl() throws IOException, InterruptedException {
        return run(List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "body.txt", "-sigfile", "sig.bin"), dir);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path workingDirectory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
