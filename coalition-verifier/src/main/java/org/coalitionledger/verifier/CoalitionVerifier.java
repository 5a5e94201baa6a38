package org.coalitionledger.verifier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The auditor's verifier, one runnable jar ({@code java -jar coalition-verifier.jar}): {@code bundle} checks a
 * downloaded audit bundle with no server, {@code live} checks a running ledger's latest checkpoint against the one
 * the auditor kept from the last run.
 *
 * <p>A command-line tool, so it writes to the standard streams on purpose: progress and problems to stderr, and one
 * verdict line last on stdout ({@code VERIFIED: ...} or {@code FAILED: ...}). Exit codes are the constants below.
 */
@Command(name = "coalition-verifier", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = CoalitionVerifier.Version.class, sortOptions = false,
        subcommands = {BundleCommand.class, LiveCommand.class},
        description = "Verifies a Coalition Ledger against a verifier key you trust: a downloaded audit bundle "
                + "(bundle), or a running ledger's signed checkpoints over HTTP (live).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:verified: every check held",
                "1:verification failed: tampering, a fork, a signature that does not verify, or a bundle that "
                        + "is not the documented format",
                "2:usage error: wrong or missing arguments",
                "3:cannot verify: a file could not be read (missing, unreadable, a key file without a key) or the "
                        + "ledger could not be reached or refused the request"})
public final class CoalitionVerifier implements Callable<Integer> {

    public static final int VERIFIED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_VERIFY = 3;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with this tool's exit codes for usage errors and unexpected failures. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CoalitionVerifier());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(e.getMessage());
            failed.usage(failed.getErr());
            failed.getOut().println("FAILED: usage error: " + e.getMessage());
            failed.getOut().flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            e.printStackTrace(failed.getErr());
            failed.getOut().println("FAILED: the verifier stopped on an unexpected error: " + e);
            failed.getOut().flush();
            return FAILED;
        });
        return commandLine;
    }

    /** Without a command: the usage, and a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Name a command: bundle or live.");
        spec.commandLine().usage(err);
        spec.commandLine().getOut().println("FAILED: usage error: no command given");
        return USAGE;
    }

    /** Prints the verdict line for input that could not be read, and returns its exit code. */
    static int cannotVerify(CommandSpec spec, String reason) {
        spec.commandLine().getOut().println("FAILED: cannot verify: " + reason);
        return CANNOT_VERIFY;
    }

    /** {@link #cannotVerify(CommandSpec, String)} for a failed read. */
    static int cannotVerify(CommandSpec spec, IOException e) {
        return cannotVerify(spec, describe(e));
    }

    /** What went wrong reading; a file-system exception's own message is just the path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read (access denied): " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** {@code --version}: this tool's version (from the build) and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {

        static String version() {
            Properties properties = new Properties();
            try (InputStream in = CoalitionVerifier.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return properties.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"coalition-verifier " + version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
