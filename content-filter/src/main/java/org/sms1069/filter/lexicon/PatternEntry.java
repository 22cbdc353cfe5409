package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A row of the pattern table: a regular expression over one normalised view, with the
 * triggers that say where it can match (see {@code rules.TriggeredPattern}); none = anywhere.
 */
public record PatternEntry(String ruleId, SignalCategory category, int weight, View view, List<String> triggers,
                           Pattern pattern, Condition condition, String reason) {

    /** Which normalised view the pattern is run on. */
    public enum View { COMPACT, FOLDED, LINKS }

    public PatternEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(view, "view");
        triggers = List.copyOf(triggers);
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
    }
}
