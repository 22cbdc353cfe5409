package org.sms1069.filter.rules;

import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.LexiconEntry;
import org.sms1069.filter.lexicon.SignalCategory;
import org.sms1069.filter.lexicon.TermMatcher;
import org.sms1069.filter.normalize.NormalizedText;

/** Lexicon terms, matched on the compact view so separators and variants don't hide them. */
public final class LexiconRule implements Rule {

    private final TermMatcher matcher;

    public LexiconRule(TermMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        NormalizedText compact = scan.text().compact();
        for (TermMatcher.TermMatch match : matcher.find(compact.text())) {
            LexiconEntry entry = match.entry();
            if (entry.category() == SignalCategory.CONTEXT) {
                signals.see(entry.ruleId());
                continue;
            }
            MatchedSpan span = compact.span(match.start(), match.end());
            if (scan.insideSignature(span)) {
                continue;
            }
            RuleHit hit = new RuleHit(entry.ruleId(), entry.category().verdictCategory(), entry.weight(), span, entry.reason());
            signals.add(hit, entry.condition());
        }
    }
}
