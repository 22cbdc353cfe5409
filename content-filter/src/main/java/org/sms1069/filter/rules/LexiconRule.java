package org.sms1069.filter.rules;

import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.SignalCategory;
import org.sms1069.filter.lexicon.TermMatcher;
import org.sms1069.filter.normalize.NormalizedText;

/**
 * Lexicon terms, matched on the compact view so separators and variants don't hide them; Latin
 * letters only on word boundaries ({@link LatinWords}).
 */
public final class LexiconRule implements Rule {

    private final TermMatcher matcher;

    public LexiconRule(TermMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        NormalizedText compact = scan.text().compact();
        matcher.forEach(compact.text(), (entry, start, end) -> {
            if (entry.category() == SignalCategory.CONTEXT) {
                signals.see(entry.ruleId());
                return;
            }
            int from = compact.spanStart(start, end);
            int to = compact.spanEnd(start, end);
            if (scan.insideSignature(from, to) || !LatinWords.wholeWords(scan.folded(), from, to)) {
                return;
            }
            RuleHit hit = new RuleHit(entry.ruleId(), entry.category().verdictCategory(), entry.weight(),
                    MatchedSpan.of(scan.original(), from, to), entry.reason());
            signals.add(hit, entry.condition());
        });
    }
}
