import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM spent its CPU, from a Flight Recorder file: the methods with the most execution samples on top of the
 * stack (self), and the methods and packages present anywhere in the sampled stacks (total), as shares of all samples outside the
 * {@code main} thread (start-up).
 * JDK 17's {@code jfr} tool has no such view; this is the whole tool, run as a source file:
 * <pre>java deploy/bench/JfrTop.java api.jfr [rows] [package-depth]</pre>
 */
public final class JfrTop {
    private static final String OWN = "org.sms1069.";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            // start-up runs on "main": what a service costs per message is what its other threads do
            if (stack == null || stack.getFrames().isEmpty() || "main".equals(event.getThread("sampledThread").getJavaName())) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seenMethods = new HashSet<>();
            Set<String> seenPackages = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (seenMethods.add(method)) {
                    total.merge(method, 1, Integer::sum);
                    if (method.startsWith(OWN)) {
                        own.merge(method, 1, Integer::sum);
                    }
                }
                String pkg = pkg(frame, depth);
                if (seenPackages.add(pkg)) {
                    packages.merge(pkg, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%s: %d execution samples%n", file, samples);
        print("self", self, samples, rows);
        print("total (method on the stack)", total, samples, rows);
        print("total (package on the stack, depth " + depth + ")", packages, samples, rows);
        print("total (our methods on the stack)", own, samples, rows);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String pkg(RecordedFrame frame, int depth) {
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, Math.max(1, parts.length - 1))));
    }
}
