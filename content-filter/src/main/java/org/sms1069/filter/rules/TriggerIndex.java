package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sms1069.filter.match.CharAhoCorasick;

/**
 * The trigger words of every pattern that runs on one view, found in a single Aho-Corasick pass
 * per message instead of one {@code String.contains}/{@code indexOf} per trigger and pattern.
 * Immutable; {@link #scan} returns the per-message {@link Occurrences}.
 */
final class TriggerIndex {

    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private CharAhoCorasick automaton;

    /** The id of a (non-empty) trigger word, registering it while the index is being built. */
    int id(String trigger) {
        if (automaton != null) {
            throw new IllegalStateException("index already built");
        }
        return ids.computeIfAbsent(trigger, t -> ids.size());
    }

    TriggerIndex build() {
        automaton = new CharAhoCorasick(new ArrayList<>(ids.keySet()));
        return this;
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    Occurrences scan(String text) {
        Occurrences found = new Occurrences(ids.size());
        automaton.scan(text, found);
        return found;
    }

    /** Where each trigger occurs in one text; a trigger's occurrences come by increasing start. */
    static final class Occurrences implements CharAhoCorasick.Hits {

        private final boolean[] present;
        private int[] trigger = new int[32];
        private int[] start = new int[32];
        private int size;

        Occurrences(int triggers) {
            present = new boolean[triggers];
        }

        @Override
        public void hit(int keyword, int s, int e) {
            if (size == trigger.length) {
                trigger = Arrays.copyOf(trigger, size * 2);
                start = Arrays.copyOf(start, size * 2);
            }
            trigger[size] = keyword;
            start[size] = s;
            size++;
            present[keyword] = true;
        }

        boolean containsAny(int[] triggers) {
            for (int t : triggers) {
                if (present[t]) {
                    return true;
                }
            }
            return false;
        }

        /** The index of the first occurrence of the trigger at or after occurrence index {@code from}, or -1. */
        int next(int triggerId, int from) {
            if (!present[triggerId]) {
                return -1;
            }
            for (int i = from; i < size; i++) {
                if (trigger[i] == triggerId) {
                    return i;
                }
            }
            return -1;
        }

        int startOf(int occurrence) {
            return start[occurrence];
        }
    }

    static int[] ids(TriggerIndex index, List<String> triggers) {
        int[] result = new int[triggers.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = index.id(triggers.get(i));
        }
        return result;
    }
}
