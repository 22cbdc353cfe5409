package org.sms1069.filter.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Stratified K-fold assignment: each stratum is shuffled (fixed seed) and dealt round-robin. */
public final class Folds {

    private Folds() {
    }

    /** The fold (0..k-1) of each example. */
    public static int[] assign(List<Example> examples, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds: " + k);
        }
        Map<String, List<Integer>> strata = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            strata.computeIfAbsent(examples.get(i).stratum(), s -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        int[] fold = new int[examples.size()];
        int next = 0;
        for (List<Integer> members : strata.values()) {
            Collections.shuffle(members, random);
            for (int index : members) {
                fold[index] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    public static List<Example> in(List<Example> examples, int[] fold, int k) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (fold[i] == k) {
                out.add(examples.get(i));
            }
        }
        return out;
    }

    public static List<Example> notIn(List<Example> examples, int[] fold, int k) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (fold[i] != k) {
                out.add(examples.get(i));
            }
        }
        return out;
    }
}
