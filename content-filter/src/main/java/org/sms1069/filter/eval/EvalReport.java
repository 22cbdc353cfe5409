package org.sms1069.filter.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sms1069.filter.Verdict;

/** Counts of an evaluation run; {@link #toJson()} is the machine-readable last line. */
public final class EvalReport {

    /** A message the filter got wrong. */
    public record Mistake(LabelledMessage message, Verdict verdict) {
    }

    private static final class Bucket {
        int n;
        int wrong;
    }

    private int total;
    private int allow;
    private int falseBlocks;
    private int block;
    private int missed;
    private int skipped;
    private final Map<String, Bucket> byCategory = new TreeMap<>();
    private final List<Mistake> mistakes = new ArrayList<>();

    public void skipped(int count) {
        skipped += count;
    }

    public void record(LabelledMessage message, Verdict verdict) {
        total++;
        boolean wrong = verdict.blocked() != message.expectBlock();
        if (message.expectBlock()) {
            block++;
            if (wrong) {
                missed++;
            }
        } else {
            allow++;
            if (wrong) {
                falseBlocks++;
            }
        }
        String category = message.category() != null ? message.category() : message.expectBlock() ? "BLOCK" : "ALLOW";
        Bucket bucket = byCategory.computeIfAbsent(category, c -> new Bucket());
        bucket.n++;
        if (wrong) {
            bucket.wrong++;
            mistakes.add(new Mistake(message, verdict));
        }
    }

    public int total() {
        return total;
    }

    public int allow() {
        return allow;
    }

    public int falseBlocks() {
        return falseBlocks;
    }

    public int block() {
        return block;
    }

    public int missed() {
        return missed;
    }

    public int skipped() {
        return skipped;
    }

    public List<Mistake> mistakes() {
        return List.copyOf(mistakes);
    }

    /** n and wrong for one category, or {0, 0}. */
    public int[] category(String name) {
        Bucket b = byCategory.get(name);
        return b == null ? new int[] {0, 0} : new int[] {b.n, b.wrong};
    }

    public Map<String, int[]> categories() {
        Map<String, int[]> out = new TreeMap<>();
        byCategory.forEach((k, v) -> out.put(k, new int[] {v.n, v.wrong}));
        return out;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\"total\":").append(total).append(",\"allow\":").append(allow)
                .append(",\"falseBlocks\":").append(falseBlocks).append(",\"block\":").append(block)
                .append(",\"missed\":").append(missed).append(",\"byCategory\":{");
        boolean first = true;
        for (Map.Entry<String, Bucket> e : byCategory.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"').append(e.getKey().replace("\"", "")).append("\":{\"n\":").append(e.getValue().n)
                    .append(",\"wrong\":").append(e.getValue().wrong).append('}');
        }
        return json.append("}}").toString();
    }
}
