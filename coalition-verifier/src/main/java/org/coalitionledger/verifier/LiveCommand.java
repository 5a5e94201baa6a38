package org.coalitionledger.verifier;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code live}: checks a running ledger. Fetches its latest signed checkpoint and key chain, verifies the signature
 * with the key valid at the checkpoint's size (the chain followed from the trusted first key), and proves it
 * consistent (RFC 9162, verified here) with the checkpoint kept from the last run; only then keeps the new one. A
 * ledger that shows a smaller tree, another root for the same size, or a proof that does not verify has forked or
 * rewritten its history: that fails, and the kept checkpoint stays as it was.
 */
@Command(name = "live", sortOptions = false,
        description = {"Checks a running ledger's latest signed checkpoint against the one kept from your last run "
                + "(fork detection), and keeps it for the next run if it is consistent.",
                "The first run for a log keeps its checkpoint as the starting point."})
final class LiveCommand implements Callable<Integer> {

    static final String TOKEN_VARIABLE = "COALITION_AUDITOR_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "<url>",
            description = "the ledger's base URL, e.g. https://ledger.example.org")
    URI url;

    @Option(names = "--key", required = true, paramLabel = "<key file or key>",
            description = "the log's first verifier key (name+keyid+base64) or a file holding it, obtained "
                    + "independently; later keys are taken only through the ledger's chain of introductions")
    String key;

    @Option(names = "--token", paramLabel = "<token>", defaultValue = "${env:" + TOKEN_VARIABLE + "}",
            description = "an auditor's bearer token for the consistency proof; default: the environment variable "
                    + TOKEN_VARIABLE + " (preferred: a command line is visible to other users)")
    String token;

    @Option(names = "--state", paramLabel = "<dir>", defaultValue = "${sys:user.home}/.coalition-verifier",
            description = "where the last verified checkpoint of each log is kept (default: ${DEFAULT-VALUE})")
    Path state;

    @Option(names = "--origin", paramLabel = "<origin>",
            description = "the log's origin line the checkpoints must carry; default: the key's name")
    String origin;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30",
            description = "for connecting and for each answer (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private PrintWriter err;

    @Override
    public Integer call() {
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url must be an http or https URL, got '" + url + "'");
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        err = spec.commandLine().getErr();
        LedgerClient ledger = new LedgerClient(url, token, Duration.ofSeconds(timeoutSeconds));
        KeptCheckpoints kept = new KeptCheckpoints(state);
        NoteVerifierKey trusted;
        String expectedOrigin;
        String latestNote;
        List<KeyChain.Link> links;
        Optional<String> keptNote;
        try {
            trusted = TrustedKey.read(key);
            expectedOrigin = origin == null ? trusted.name() : origin;
            keptNote = kept.load(expectedOrigin);
            progress("fetching " + ledger.url(LedgerClient.CHECKPOINT_PATH));
            latestNote = ledger.latestCheckpoint();
            links = ledger.keyChain();
        } catch (IOException e) {
            return CoalitionVerifier.cannotVerify(spec, e);
        }

        // Each checkpoint opens with the key valid at its size, taken only through introductions that follow from
        // the trusted first key.
        KeyChain chain;
        try {
            chain = KeyChain.verify(trusted, expectedOrigin, links);
        } catch (NoteVerificationException e) {
            return failed("the ledger's key chain does not follow from the trusted key: " + e.getMessage(),
                    List.of());
        }
        progress("key chain: " + chain.size() + " key" + (chain.size() == 1 ? "" : "s") + " from the trusted key "
                + trusted.toText());
        Checkpoint latest;
        try {
            latest = chain.open(latestNote, expectedOrigin);
        } catch (NoteVerificationException e) {
            return failed("the ledger's latest checkpoint does not verify with the trusted key chain: "
                    + e.getMessage(),
                    List.of(latestNote));
        }
        progress("latest signed checkpoint: size " + latest.treeSize() + ", root " + hex(latest.rootHash()));
        Path keptFile = kept.file(expectedOrigin);

        if (keptNote.isEmpty()) {
            return keepAndVerify(kept, expectedOrigin, latestNote, "VERIFIED: " + describe(latest)
                    + " is validly signed; first checkpoint seen for this log, kept in " + keptFile
                    + " to prove the next one consistent with it");
        }
        Checkpoint earlier;
        try {
            earlier = chain.open(keptNote.get(), expectedOrigin);
        } catch (NoteVerificationException e) {
            return failed("the checkpoint kept in " + keptFile + " does not verify with the trusted key chain ("
                    + e.getMessage() + "): the state or the key changed since the last run", List.of(keptNote.get()));
        }
        progress("kept checkpoint: size " + earlier.treeSize() + ", root " + hex(earlier.rootHash()));

        List<String> evidence = List.of(keptNote.get(), latestNote);
        if (latest.treeSize() < earlier.treeSize()) {
            return failed("fork or rollback: the ledger now signs " + describe(latest) + ", smaller than the "
                    + describe(earlier) + " it signed before; an append-only log never shrinks", evidence);
        }
        List<byte[]> proof;
        if (earlier.treeSize() == 0 || earlier.treeSize() == latest.treeSize()) {
            proof = List.of(); // every tree is consistent with the empty tree and, at the same size, only itself
        } else {
            try {
                progress("fetching the consistency proof from size " + earlier.treeSize() + " to "
                        + latest.treeSize());
                proof = ledger.consistencyProof(earlier.treeSize(), latest.treeSize());
            } catch (IOException e) {
                return CoalitionVerifier.cannotVerify(spec, e);
            }
        }
        VerificationResult consistent = ProofVerifier.verifyConsistency(earlier.treeSize(), latest.treeSize(),
                earlier.rootHash(), latest.rootHash(), proof);
        if (!consistent.valid()) {
            String what = earlier.treeSize() == latest.treeSize()
                    && !MessageDigest.isEqual(earlier.rootHash(), latest.rootHash())
                    ? "two different signed roots for the same size" : consistent.reason();
            return failed("fork: the ledger's " + describe(latest) + " is not consistent with the " + describe(earlier)
                    + " kept from before (" + what + "); history before size " + earlier.treeSize()
                    + " was rewritten", evidence);
        }
        if (latest.treeSize() == earlier.treeSize()) {
            return verified("VERIFIED: " + describe(latest) + " is validly signed and is the checkpoint kept from "
                    + "before; the log has not grown");
        }
        progress("consistency proof of " + proof.size() + " hashes verified");
        return keepAndVerify(kept, expectedOrigin, latestNote, "VERIFIED: " + describe(latest)
                + " is validly signed and consistent with the " + describe(earlier) + " kept from before; kept in "
                + keptFile + " for the next run");
    }

    private int keepAndVerify(KeptCheckpoints kept, String expectedOrigin, String note, String verdict) {
        try {
            kept.keep(expectedOrigin, note);
        } catch (IOException e) {
            return CoalitionVerifier.cannotVerify(spec, "the checkpoint verified but cannot be kept in "
                    + kept.file(expectedOrigin) + ": " + CoalitionVerifier.describe(e));
        }
        return verified(verdict);
    }

    private int verified(String verdict) {
        err.flush();
        spec.commandLine().getOut().println(verdict);
        spec.commandLine().getOut().flush();
        return CoalitionVerifier.VERIFIED;
    }

    /** Fails, showing the signed notes that prove it so the auditor can keep them as evidence. */
    private int failed(String problem, List<String> notes) {
        err.println("problem: " + problem);
        for (String note : notes) {
            err.println("signed note:");
            err.print(note);
        }
        err.flush();
        spec.commandLine().getOut().println("FAILED: " + problem);
        spec.commandLine().getOut().flush();
        return CoalitionVerifier.FAILED;
    }

    private void progress(String line) {
        err.println(line);
        err.flush();
    }

    private static String describe(Checkpoint checkpoint) {
        return "checkpoint of size " + checkpoint.treeSize() + " (root " + hex(checkpoint.rootHash()) + ")";
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
