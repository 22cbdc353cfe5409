package org.sms1069.filter.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sms1069.filter.eval.EvalReport;

/** Mean and spread over the held-out folds of recall, false-block rate and each category's blocked share. */
public final class FoldStats {

    private final List<Double> recall = new ArrayList<>();
    private final List<Double> falseBlockRate = new ArrayList<>();
    private final Map<String, List<Double>> blockedShare = new TreeMap<>();

    public void add(EvalReport fold) {
        if (fold.block() > 0) {
            recall.add(1 - (double) fold.missed() / fold.block());
        }
        if (fold.allow() > 0) {
            falseBlockRate.add((double) fold.falseBlocks() / fold.allow());
        }
        fold.categories().forEach((category, nWrong) -> {
            if (nWrong[0] > 0) {
                blockedShare.computeIfAbsent(category, c -> new ArrayList<>()).add((double) nWrong[1] / nWrong[0]);
            }
        });
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(format("recall (BLOCK lines blocked)", recall));
        lines.add(format("false-block rate (ALLOW lines blocked)", falseBlockRate));
        blockedShare.forEach((category, wrong) -> lines.add(format("wrong share " + category, wrong)));
        return lines;
    }

    public String json(int k) {
        return String.format(Locale.ROOT,
                "\"cv\":{\"k\":%d,\"recallMean\":%.5f,\"recallSd\":%.5f,\"falseBlockMean\":%.5f,\"falseBlockSd\":%.5f}",
                k, mean(recall), sd(recall), mean(falseBlockRate), sd(falseBlockRate));
    }

    private static String format(String name, List<Double> values) {
        return String.format(Locale.ROOT, "  %-40s mean %6.2f%%  sd %5.2f  min %6.2f%%  max %6.2f%%", name,
                100 * mean(values), 100 * sd(values),
                100 * values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                100 * values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static double sd(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }
}
