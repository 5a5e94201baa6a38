package org.coalitionledger.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hot methods of a flight recording, from its {@code jdk.ExecutionSample} events (what {@code jfr print
 * --events jdk.ExecutionSample} lists): by self time (the sampled frame) and by total time (the method anywhere on
 * the sampled stack), the latter for the application's, Axon's and the drivers' own methods only.
 */
final class JfrSummary {

    private static final List<String> OWN = List.of("org.coalitionledger.", "org.axonframework.", "org.postgresql.",
            "com.zaxxer.", "org.hibernate.", "tools.jackson.", "org.springframework.", "reactor.");

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(markdown(Path.of(args[0]), null, args.length > 1 ? Integer.parseInt(args[1]) : 25));
    }

    static String markdown(Path recording, WrkResult load, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (OWN.stream().anyMatch(name::startsWith) && seen.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
            }
            var thread = event.getThread("sampledThread");
            threads.merge(thread == null ? "?" : thread.getJavaName().replaceAll("-?\\d+$", "-N"), 1, Integer::sum);
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d execution samples", samples));
        if (load != null) {
            md.append(String.format(Locale.ROOT, " while wrk recorded %,.0f takedown batches/s (8 clients, p50 "
                    + "%.1f ms, p99 %.1f ms)", load.successesPerSecond(), load.p50Millis(), load.p99Millis()));
        }
        md.append(".\n\n");
        table(md, "threads (samples, share)", threads, samples, 10);
        table(md, "self: sampled frame (samples, share)", self, samples, top);
        table(md, "total: on the stack (samples, share)", total, samples, top * 2);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int samples, int top) {
        md.append("| ").append(title).append(" | samples | share |\n|---|---|---|\n");
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, count) -> md.append(String.format(Locale.ROOT, "| `%s` | %,d | %.1f %% |%n", name,
                count, 100.0 * count / Math.max(1, samples))));
        md.append('\n');
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
