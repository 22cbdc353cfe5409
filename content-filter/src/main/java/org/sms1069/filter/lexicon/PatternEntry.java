package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A row of the pattern table: a regular expression over one normalised view. The regex runs
 * only when one of the {@code triggers} (plain substrings of the view) occurs, or always when
 * there are none: a substring scan is far cheaper than a regex that fails at every position.
 */
public record PatternEntry(String ruleId, SignalCategory category, int weight, View view, List<String> triggers,
                           Pattern pattern, Condition condition, String reason) {

    /** Which normalised view the pattern is run on. */
    public enum View { COMPACT, FOLDED, LINKS }

    public boolean triggeredBy(String text) {
        if (triggers.isEmpty()) {
            return true;
        }
        for (String trigger : triggers) {
            if (text.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

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
