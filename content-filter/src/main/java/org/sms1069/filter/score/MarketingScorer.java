package org.sms1069.filter.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;

/**
 * The run-time half of the marketing model: a dot product of the model's weights with the
 * message's hashed n-grams and rule ids, then the calibration. No allocation beyond the model
 * text unless an explanation is asked for. Immutable and thread-safe.
 */
public final class MarketingScorer {

    private static final int TOP_PUSHES = 5;

    private final MarketingModel model;
    private final NgramHasher hasher;

    public MarketingScorer(MarketingModel model) {
        this.model = model;
        this.hasher = new NgramHasher(model.bits());
    }

    public String modelVersion() {
        return model.version();
    }

    /** The uncalibrated score: bias + weights · features (see {@link FeatureVector}). */
    public double raw(ModelText text, List<RuleHit> hits) {
        int n = NgramHasher.count(text.length());
        double raw = model.bias();
        if (n > 0) {
            raw += model.scale() * hasher.sum(text, model.weights()) / Math.sqrt(n);
        }
        for (int i = 0; i < hits.size(); i++) {
            String id = hits.get(i).ruleId();
            if (firstOf(hits, i, id)) {
                raw += model.weight(hasher.bucketOf(RuleFeatures.PREFIX + id));
            }
        }
        return raw;
    }

    public double probability(ModelText text, List<RuleHit> hits) {
        return model.probability(raw(text, hits));
    }

    /** The score with the strongest upward pushes: n-grams with their spans in the original text, and rule ids. */
    public ModelScore explain(ModelText text, List<RuleHit> hits) {
        double probability = probability(text, hits);
        int n = NgramHasher.count(text.length());
        double unit = n == 0 ? 0 : 1 / Math.sqrt(n);
        // candidates in primitive arrays; objects only for the few that are chosen
        int[] starts = new int[n];
        int[] ends = new int[n];
        double[] contributions = new double[n];
        int[] count = new int[1];
        hasher.forEach(text, (bucket, start, end) -> {
            double contribution = model.weight(bucket) * unit;
            if (contribution > 0 && readable(text, start, end)) {
                starts[count[0]] = start;
                ends[count[0]] = end;
                contributions[count[0]++] = contribution;
            }
        });
        List<ModelScore.Push> candidates = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            String id = hits.get(i).ruleId();
            double contribution = model.weight(hasher.bucketOf(RuleFeatures.PREFIX + id));
            if (firstOf(hits, i, id) && contribution > 0) {
                candidates.add(new ModelScore.Push(RuleFeatures.PREFIX + id, hits.get(i).span(), contribution));
            }
        }
        String original = text.compact().original();
        List<ModelScore.Push> top = new ArrayList<>(TOP_PUSHES);
        boolean[] used = new boolean[count[0]];
        int ruleAt = 0;
        candidates.sort(Comparator.comparingDouble(ModelScore.Push::contribution).reversed());
        while (top.size() < TOP_PUSHES) {
            int best = -1;
            for (int c = 0; c < count[0]; c++) {
                if (!used[c] && (best < 0 || contributions[c] > contributions[best])) {
                    best = c;
                }
            }
            ModelScore.Push rule = ruleAt < candidates.size() ? candidates.get(ruleAt) : null;
            ModelScore.Push next;
            if (best >= 0 && (rule == null || contributions[best] >= rule.contribution())) {
                used[best] = true;
                MatchedSpan span = MatchedSpan.of(original, text.originalStart(starts[best], ends[best]),
                        text.originalEnd(starts[best], ends[best]));
                next = new ModelScore.Push(text.substring(starts[best], ends[best]), span, contributions[best]);
            } else if (rule != null) {
                ruleAt++;
                next = rule;
            } else {
                break;
            }
            if (!overlapsChosen(next, top)) {
                top.add(next);
            }
        }
        return new ModelScore(model.version(), probability, top);
    }

    public ModelScore unexplained(double probability) {
        return new ModelScore(model.version(), probability, List.of());
    }

    /** Two chars or more, no gap at either end, not only digits: what a reviewer can read as a reason. */
    private static boolean readable(ModelText text, int start, int end) {
        char[] chars = text.chars();
        if (end - start < 2 || chars[start] == ModelText.WORD_GAP || chars[end - 1] == ModelText.WORD_GAP) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (chars[i] != ModelText.DIGIT && chars[i] != ModelText.WORD_GAP) {
                return true;
            }
        }
        return false;
    }

    /** An n-gram inside (or around) one already chosen says the same thing twice. */
    private static boolean overlapsChosen(ModelScore.Push push, List<ModelScore.Push> chosen) {
        if (push.span() == null) {
            return false;
        }
        for (ModelScore.Push other : chosen) {
            MatchedSpan o = other.span();
            if (o != null && o.start() < push.span().end() && push.span().start() < o.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean firstOf(List<RuleHit> hits, int index, String id) {
        for (int j = 0; j < index; j++) {
            if (hits.get(j).ruleId().equals(id)) {
                return false;
            }
        }
        return true;
    }
}
