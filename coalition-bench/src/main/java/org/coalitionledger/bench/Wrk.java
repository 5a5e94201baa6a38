package org.coalitionledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP load generator: wrk (Debian package {@code wrk}) in its own process, with the Lua scripts shipped in
 * this module's resources ({@code wrk/takedowns.lua} for ingest, {@code wrk/get.lua} for authenticated GETs).
 */
final class Wrk {

    /** The Lua scripts shipped in {@code wrk/}: copied to the work folder, the only ones a load may name. */
    static final List<String> SCRIPTS = List.of("takedowns.lua", "get.lua", "paced.lua");

    private final Path scripts;

    Wrk(Path workDir) throws IOException {
        this.scripts = workDir.resolve("wrk");
        Files.createDirectories(scripts);
        for (String name : SCRIPTS) {
            try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource wrk/" + name);
                }
                Files.copy(in, scripts.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs wrk and waits for its report. */
    WrkResult run(String url, String script, int threads, int connections, int seconds, String... scriptArgs)
            throws IOException, InterruptedException {
        return start(url, script, threads, connections, seconds, scriptArgs).join();
    }

    /** Starts wrk; the future completes with its report (to run two loads side by side). */
    CompletableFuture<WrkResult> start(String url, String script, int threads, int connections, int seconds,
                                       String... scriptArgs) throws IOException {
        // wrk given a script it cannot open only says so and loads the bare URL instead.
        if (!SCRIPTS.contains(script)) {
            throw new IllegalArgumentException("no such wrk script: " + script + " (shipped: " + SCRIPTS + ")");
        }
        List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "60s", "-s", scripts.resolve(script).toString(), url));
        if (scriptArgs.length > 0) {
            command.add("--");
            command.addAll(List.of(scriptArgs));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return CompletableFuture.supplyAsync(() -> {
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("wrk exited with " + exit + ":\n" + output);
                }
                return WrkResult.parse(output);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Whether wrk is on the PATH (coalition-bench/run installs it with apt-get when it is not). */
    static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
