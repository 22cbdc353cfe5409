package org.sms1069.filter.rules;

import java.util.List;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.PatternEntry;
import org.sms1069.filter.lexicon.SignalCategory;
import org.sms1069.filter.normalize.NormalizedText;

/** Regular expressions from the pattern table (money offers, contact numbers, ...). */
public final class PatternRule implements Rule {

    private final List<TriggeredPattern> patterns;

    public PatternRule(List<PatternEntry> patterns) {
        this.patterns = patterns.stream().map(TriggeredPattern::new).toList();
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        for (TriggeredPattern pattern : patterns) {
            PatternEntry entry = pattern.entry();
            NormalizedText view = switch (entry.view()) {
                case COMPACT -> scan.text().compact();
                case FOLDED -> scan.text().folded();
                case LINKS -> scan.text().links();
            };
            MatchedSpan span = pattern.find(view, scan);
            if (span == null) {
                continue;
            }
            if (entry.category() == SignalCategory.CONTEXT) {
                signals.see(entry.ruleId());
                continue;
            }
            signals.add(new RuleHit(entry.ruleId(), entry.category().verdictCategory(), entry.weight(),
                    span, entry.reason()), entry.condition());
        }
    }
}
