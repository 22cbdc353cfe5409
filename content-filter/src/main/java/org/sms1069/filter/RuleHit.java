package org.sms1069.filter;

import java.util.Objects;

/**
 * One rule that fired: its id, the category it counts towards, its weight in that category
 * and where in the original text it matched ({@code span} may be null for whole-message rules
 * such as the length limit).
 */
public record RuleHit(String ruleId, Category category, int weight, MatchedSpan span, String reason) {

    public RuleHit {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
    }
}
