package org.sms1069.carriersim.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Picks a {@link DeliveryOutcome} per message by weight, e.g. {@code DELIVRD: 95, UNDELIV: 4, MK:0001: 1}.
 * With a seed the sequence of picks is reproducible; the statuses are ordered by name so the
 * iteration order of the caller's map does not matter.
 */
public final class OutcomeMix {
    public static final Map<String, Integer> ALL_DELIVERED = Map.of(DeliveryOutcome.DELIVERED_STAT, 100);

    private final List<DeliveryOutcome> outcomes = new ArrayList<>();
    private final int[] cumulativeWeights;
    private final int totalWeight;
    private final Random random;

    public OutcomeMix(Map<String, Integer> weights, Long seed) {
        validate(weights);
        TreeMap<String, Integer> ordered = new TreeMap<>(weights);
        this.cumulativeWeights = new int[ordered.size()];
        int sum = 0;
        for (Map.Entry<String, Integer> entry : ordered.entrySet()) {
            sum += entry.getValue();
            cumulativeWeights[outcomes.size()] = sum;
            outcomes.add(DeliveryOutcome.of(entry.getKey()));
        }
        this.totalWeight = sum;
        this.random = seed == null ? new Random() : new Random(seed);
    }

    public static OutcomeMix allDelivered() {
        return new OutcomeMix(ALL_DELIVERED, null);
    }

    /** Rejects maps that cannot produce an outcome; usable from configuration validation. */
    public static void validate(Map<String, Integer> weights) {
        Objects.requireNonNull(weights, "outcome weights");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("outcome weights must not be empty");
        }
        long sum = 0;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            DeliveryOutcome.of(entry.getKey());
            Integer weight = entry.getValue();
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("weight of " + entry.getKey() + " must be >= 0, was " + weight);
            }
            sum += weight;
        }
        if (sum <= 0 || sum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("outcome weights must sum to 1.." + Integer.MAX_VALUE + ", was " + sum);
        }
    }

    public DeliveryOutcome next() {
        int pick;
        synchronized (random) {
            pick = random.nextInt(totalWeight);
        }
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (pick < cumulativeWeights[i]) {
                return outcomes.get(i);
            }
        }
        throw new IllegalStateException("unreachable: pick " + pick + " of " + totalWeight);
    }
}
