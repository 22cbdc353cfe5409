package org.sms1069.filter.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Targets for {@code --check}: an upper bound on the false-block rate, a lower bound on the
 * block rate (recall), and per-category upper bounds on the wrong rate. Rates are fractions.
 */
public record EvalThresholds(Double maxFalseBlockRate, Double minRecall, Map<String, Double> maxWrongRateByCategory) {

    public EvalThresholds {
        maxWrongRateByCategory = Map.copyOf(maxWrongRateByCategory);
    }

    public boolean any() {
        return maxFalseBlockRate != null || minRecall != null || !maxWrongRateByCategory.isEmpty();
    }

    /** Parses "--max-false-block-rate 0.01 --min-recall 0.95 --max-wrong-rate MARKETING=0.03". */
    public static EvalThresholds parse(List<String> args) {
        Double falseBlock = null;
        Double recall = null;
        Map<String, Double> byCategory = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--max-false-block-rate" -> falseBlock = Double.parseDouble(args.get(++i));
                case "--min-recall" -> recall = Double.parseDouble(args.get(++i));
                case "--max-wrong-rate" -> {
                    String[] kv = args.get(++i).split("=", 2);
                    byCategory.put(kv[0].toUpperCase(Locale.ROOT), Double.parseDouble(kv[1]));
                }
                default -> { }
            }
        }
        return new EvalThresholds(falseBlock, recall, byCategory);
    }

    /** Human-readable failures; empty when every target is met. */
    public List<String> failures(EvalReport report) {
        List<String> failures = new ArrayList<>();
        if (maxFalseBlockRate != null) {
            double rate = report.allow() == 0 ? 0 : (double) report.falseBlocks() / report.allow();
            if (rate > maxFalseBlockRate) {
                failures.add(String.format(Locale.ROOT, "false-block rate %.4f > %.4f", rate, maxFalseBlockRate));
            }
        }
        if (minRecall != null) {
            double rate = report.block() == 0 ? 1 : 1 - (double) report.missed() / report.block();
            if (rate < minRecall) {
                failures.add(String.format(Locale.ROOT, "block rate %.4f < %.4f", rate, minRecall));
            }
        }
        maxWrongRateByCategory.forEach((category, max) -> {
            int[] nWrong = report.category(category);
            double rate = nWrong[0] == 0 ? 0 : (double) nWrong[1] / nWrong[0];
            if (rate > max) {
                failures.add(String.format(Locale.ROOT, "%s wrong rate %.4f > %.4f", category, rate, max));
            }
        });
        return failures;
    }
}
