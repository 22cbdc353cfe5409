package org.sms1069.filter;

import java.util.List;
import java.util.Objects;
import org.sms1069.filter.score.ModelScore;

/**
 * The filter's answer. A BLOCK always has a category, at least one rule id and a reason;
 * an ALLOW may still list the weak signals that fired without reaching a threshold
 * ({@code hits}), which helps when tuning the lexicon.
 *
 * @param category null for ALLOW
 * @param ruleIds  the rules that decided the verdict, in text order, without duplicates
 * @param spans    where those rules matched in the original text, in text order
 * @param score    the marketing model's calibrated probability and what pushed it (null: rules only)
 */
public record Verdict(Decision decision, Category category, List<String> ruleIds,
                      List<MatchedSpan> spans, String reason, List<RuleHit> hits, ModelScore score) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        ruleIds = List.copyOf(ruleIds);
        spans = List.copyOf(spans);
        hits = List.copyOf(hits);
        if (decision == Decision.BLOCK && (category == null || ruleIds.isEmpty())) {
            throw new IllegalArgumentException("a BLOCK must name its category and rules");
        }
    }

    public boolean blocked() {
        return decision == Decision.BLOCK;
    }
}
