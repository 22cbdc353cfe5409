package org.sms1069.filter.lexicon;

import java.util.Objects;
import java.util.regex.Pattern;

/** A row of the pattern table: a regular expression over one normalised view. */
public record PatternEntry(String ruleId, SignalCategory category, int weight, View view, Pattern pattern,
                           Condition condition, String reason) {

    /** Which normalised view the pattern is run on. */
    public enum View { COMPACT, FOLDED, LINKS }

    public PatternEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
    }
}
