package org.sms1069.filter.rules;

import java.util.List;
import java.util.regex.Matcher;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.PatternEntry;
import org.sms1069.filter.lexicon.SignalCategory;
import org.sms1069.filter.normalize.NormalizedText;

/** Regular expressions from the pattern table (money offers, contact numbers, ...). */
public final class PatternRule implements Rule {

    private final List<PatternEntry> patterns;

    public PatternRule(List<PatternEntry> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        for (PatternEntry entry : patterns) {
            NormalizedText view = switch (entry.view()) {
                case COMPACT -> scan.text().compact();
                case FOLDED -> scan.text().folded();
                case LINKS -> scan.text().links();
            };
            if (!entry.triggeredBy(view.text())) {
                continue;
            }
            MatchedSpan span = firstOutsideSignature(entry.pattern().matcher(view.text()), view, scan);
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

    private static MatchedSpan firstOutsideSignature(Matcher m, NormalizedText view, MessageScan scan) {
        while (m.find()) {
            MatchedSpan span = view.span(m.start(), m.end());
            if (!scan.insideSignature(span)) {
                return span;
            }
        }
        return null;
    }
}
