package org.coalitionledger.verifier;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the command line as the jar's main runs it, with its exit code and both streams captured. */
record VerifierRun(int exitCode, String out, String err) {

    static VerifierRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CoalitionVerifier.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new VerifierRun(exitCode, out.toString(), err.toString());
    }

    /** The last line of stdout: the verdict. */
    String verdict() {
        List<String> lines = out.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
