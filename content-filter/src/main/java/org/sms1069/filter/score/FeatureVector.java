package org.sms1069.filter.score;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.sms1069.filter.RuleHit;

/**
 * The features of one message as the trainer sees them: each n-gram bucket counts its
 * occurrences divided by the square root of the message's n-gram count (long and short messages
 * weigh alike), and each distinct rule id that fired adds 1 to its own bucket. {@link MarketingScorer}
 * computes the same dot product without building this.
 *
 * @param indices sorted, distinct buckets
 */
public record FeatureVector(int[] indices, double[] values) {

    public static FeatureVector of(ModelText text, List<RuleHit> hits, NgramHasher hasher) {
        TreeMap<Integer, Double> features = new TreeMap<>();
        int n = NgramHasher.count(text.length());
        double unit = n == 0 ? 0 : 1 / Math.sqrt(n);
        hasher.forEach(text, (bucket, start, end) -> features.merge(bucket, unit, Double::sum));
        for (String id : RuleFeatures.distinctIds(hits)) {
            features.merge(hasher.bucketOf(RuleFeatures.PREFIX + id), 1.0, Double::sum);
        }
        int[] indices = features.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new FeatureVector(indices, values);
    }

    public double dot(double[] weights) {
        double sum = 0;
        for (int i = 0; i < indices.length; i++) {
            sum += weights[indices[i]] * values[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "FeatureVector" + Arrays.toString(indices);
    }
}
