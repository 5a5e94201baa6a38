package org.coalitionledger.audit.verifier;

import org.coalitionledger.audit.NoteVerifierKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The offline verifier, a command-line program:
 *
 * <pre>
 * java -cp &lt;classpath&gt; org.coalitionledger.audit.verifier.BundleVerifier bundle.json --key KEY
 *      [--checkpoint earlier-checkpoint.txt]
 * </pre>
 *
 * {@code KEY} is the log's first note verifier key (later keys are taken only through the bundle's chain of introductions) ({@code name+keyid+base64}) or a file holding it; it must come from
 * somewhere other than the bundle. {@code --checkpoint} names a signed checkpoint note kept from earlier.
 *
 * <p>Being a command-line tool, it writes to the standard streams on purpose: progress and every problem to
 * stderr, and exactly one verdict line to stdout ({@code VERIFIED: ...} or {@code FAILED: ...}). Exit status 0
 * only when every check holds; 1 when a check failed; 2 when the arguments or files cannot be read.
 */
public final class BundleVerifier {

    static final int VERIFIED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;

    static final String USAGE = "usage: BundleVerifier <bundle.json> --key <verifier key or file> "
            + "[--checkpoint <earlier checkpoint file>]";

    private BundleVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path bundlePath = null;
        String keyArgument = null;
        Path checkpointPath = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (("--key".equals(arg) || "--checkpoint".equals(arg)) && i + 1 < args.length) {
                if ("--key".equals(arg)) {
                    keyArgument = args[++i];
                } else {
                    checkpointPath = Path.of(args[++i]);
                }
            } else if (!arg.startsWith("--") && bundlePath == null) {
                bundlePath = Path.of(arg);
            } else {
                return unusable(out, err, "unexpected argument '" + arg + "'");
            }
        }
        if (bundlePath == null || keyArgument == null) {
            return unusable(out, err, bundlePath == null ? "no bundle given" : "no --key given");
        }
        NoteVerifierKey key;
        String earlier = null;
        try {
            Path keyPath = Path.of(keyArgument);
            String keyText = Files.isRegularFile(keyPath)
                    ? Files.readString(keyPath, StandardCharsets.UTF_8).strip() : keyArgument.strip();
            key = NoteVerifierKey.parse(keyText);
            if (checkpointPath != null) {
                earlier = Files.readString(checkpointPath, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return unusable(out, err, e.getMessage());
        }
        err.println("reading " + bundlePath);
        BundleVerification.Report report;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(bundlePath))) {
            report = BundleVerification.verify(in, key, earlier, err::println);
        } catch (IOException e) {
            return unusable(out, err, e.getMessage());
        }
        report.problems().forEach(problem -> err.println("problem: " + problem));
        out.println(report.verdict());
        return report.verified() ? VERIFIED : FAILED;
    }

    private static int unusable(PrintStream out, PrintStream err, String reason) {
        err.println(USAGE);
        out.println("FAILED: cannot verify: " + reason);
        return UNUSABLE;
    }
}
