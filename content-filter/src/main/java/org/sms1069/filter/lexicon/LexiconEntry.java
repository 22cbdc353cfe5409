package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Objects;

/** A row of the lexicon: words that mean the same thing for the filter, with one weight. */
public record LexiconEntry(String ruleId, SignalCategory category, int weight, List<String> terms,
                           Condition condition, String reason) {

    public LexiconEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        terms = List.copyOf(terms);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
        if (terms.isEmpty()) {
            throw new IllegalArgumentException(ruleId + ": no terms");
        }
    }
}
