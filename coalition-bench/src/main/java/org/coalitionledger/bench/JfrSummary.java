package org.coalitionledger.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hot methods of a flight recording, from its {@code jdk.ExecutionSample} events (what {@code jfr print
 * --events jdk.ExecutionSample} lists): samples per thread pool; per pool, the innermost application method on
 * the sampled stack (that method and the library code it called: where the application's time goes); and by self
 * time (the sampled frame itself). A command-line tool ({@code main}: a recording file and the number of rows),
 * so it prints its Markdown on standard output.
 */
final class JfrSummary {

    private static final String OWN = "org.coalitionledger.";

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(markdown(Path.of(args[0]), null, args.length > 1 ? Integer.parseInt(args[1]) : 25));
    }

    static String markdown(Path recording, WrkResult load, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Map<String, Integer>> innermost = new TreeMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int counted = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            counted++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            var thread = event.getThread("sampledThread");
            String pool = thread == null ? "?" : thread.getJavaName().replaceAll("-?\\d+$", "-N");
            threads.merge(pool, 1, Integer::sum);
            String app = frames.stream().map(JfrSummary::name).filter(n -> n.startsWith(OWN)).findFirst()
                    .orElse("(no application frame)");
            innermost.computeIfAbsent(pool, p -> new HashMap<>()).merge(app, 1, Integer::sum);
        }
        int samples = counted;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%,d execution samples", samples));
        if (load != null) {
            md.append(String.format(Locale.ROOT, " while wrk recorded %,.0f takedown batches/s (8 clients, p50 "
                    + "%.1f ms, p99 %.1f ms)", load.successesPerSecond(), load.p50Millis(), load.p99Millis()));
        }
        md.append(".\n\n");
        table(md, "thread pool", threads, samples, 10);
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .forEach(pool -> table(md, pool.getKey() + ": innermost application method",
                        innermost.get(pool.getKey()), samples, 8));
        table(md, "self: the sampled frame", self, samples, top);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int samples, int top) {
        md.append("| ").append(title).append(" | samples | share of all |\n|---|---|---|\n");
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
