package org.coalitionledger.verifier;

import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.verifier.BundleVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bundle}: verifies a downloaded audit bundle with no server and no database. */
@Command(name = "bundle", sortOptions = false,
        description = {"Verifies an audit bundle (GET /api/v1/audit/bundle) offline: every checkpoint's signature, "
                + "every leaf against its event, the tree, and every published view recomputed from the events.",
                "Prints progress and each problem to stderr and one verdict line to stdout."})
final class BundleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<bundle.json>", description = "the downloaded bundle")
    Path bundle;

    @Option(names = "--key", required = true, paramLabel = "<key file or key>",
            description = "the log's first verifier key (name+keyid+base64) or a file holding it; obtain it "
                    + "independently of the bundle (the first of GET /api/v1/audit/keys, kept from earlier, or given "
                    + "out of band); later keys are taken only through the bundle's chain of introductions")
    String key;

    @Option(names = "--checkpoint", paramLabel = "<earlier checkpoint>",
            description = "a signed checkpoint note saved earlier (GET /api/v1/audit/checkpoint); the bundle's log "
                    + "must be consistent with it")
    Path checkpoint;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NoteVerifierKey trusted;
        String earlier = null;
        BundleVerification.Report report;
        try {
            trusted = TrustedKey.read(key);
            if (checkpoint != null) {
                earlier = Files.readString(checkpoint, StandardCharsets.UTF_8);
            }
            err.println("reading " + bundle);
            err.flush();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle))) {
                report = BundleVerification.verify(in, trusted, earlier, line -> {
                    err.println(line);
                    err.flush();
                });
            }
        } catch (IOException e) {
            return CoalitionVerifier.cannotVerify(spec, e);
        }
        report.problems().forEach(problem -> err.println("problem: " + problem));
        err.flush();
        out.println(report.verdict());
        out.flush();
        return report.verified() ? CoalitionVerifier.VERIFIED : CoalitionVerifier.FAILED;
    }
}
