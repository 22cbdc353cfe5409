import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * What a JVM's JIT compilers did, from a Flight Recorder file recorded with every compilation (the
 * {@code jdk.Compilation} threshold at 0 ms; profile.jfc keeps only those over 100 ms): compile time per
 * minute of the recording and per tier, the methods compiled most often and longest, and the deoptimizations
 * (reason, method) that sent code back to be compiled again. Run as a source file:
 * <pre>java deploy/bench/JfrJit.java gateway.jfr [rows]</pre>
 */
public final class JfrJit {
    private record Tally(int count, long micros) {
        Tally plus(long eventMicros) {
            return new Tally(count + 1, micros + eventMicros);
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<Long, Tally> perMinute = new HashMap<>();
        Map<String, Tally> perLevel = new HashMap<>();
        Map<String, Tally> perMethod = new HashMap<>();
        Map<String, Integer> deoptReasons = new HashMap<>();
        Map<String, Integer> deoptMethods = new HashMap<>();
        Instant start = null;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            start = start == null || event.getStartTime().isBefore(start) ? event.getStartTime() : start;
            switch (event.getEventType().getName()) {
                case "jdk.Compilation" -> {
                    long micros = event.getDuration().toNanos() / 1000;
                    perMinute.merge(event.getStartTime().getEpochSecond() / 60, new Tally(1, micros),
                            (a, b) -> a.plus(b.micros));
                    String level = "tier " + event.getInt("compileLevel") + (event.getBoolean("isOsr") ? " OSR" : "");
                    perLevel.merge(level, new Tally(1, micros), (a, b) -> a.plus(b.micros));
                    perMethod.merge(name(event.getValue("method")), new Tally(1, micros), (a, b) -> a.plus(b.micros));
                }
                case "jdk.Deoptimization" -> {
                    deoptReasons.merge(event.getString("reason") + " / " + event.getString("action"), 1, Integer::sum);
                    deoptMethods.merge(name(event.getValue("method")) + " (" + event.getString("reason") + ")", 1, Integer::sum);
                }
                default -> { }
            }
        }
        System.out.println("compile time per minute of the recording (all tiers):");
        long first = perMinute.keySet().stream().min(Long::compare).orElse(0L);
        perMinute.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                "  minute %3d  %6d compilations  %8.1f s%n", e.getKey() - first, e.getValue().count, e.getValue().micros / 1e6));
        System.out.println("per tier:");
        perLevel.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                "  %-12s %6d compilations  %8.1f s%n", e.getKey(), e.getValue().count, e.getValue().micros / 1e6));
        System.out.println("methods by compile time:");
        top(perMethod, Comparator.comparingLong(Tally::micros), rows);
        System.out.println("methods by compilations:");
        top(perMethod, Comparator.comparingInt(Tally::count), rows);
        System.out.println("deoptimizations by reason / action:");
        deoptReasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        System.out.println("deoptimized methods:");
        deoptMethods.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    private static void top(Map<String, Tally> tallies, Comparator<Tally> order, int rows) {
        tallies.entrySet().stream().sorted(Map.Entry.<String, Tally>comparingByValue(order).reversed()).limit(rows)
                .forEach(e -> System.out.printf("  %5d × %8.3f s  %s%n", e.getValue().count, e.getValue().micros / 1e6, e.getKey()));
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
