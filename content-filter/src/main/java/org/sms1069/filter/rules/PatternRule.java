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
    private final TriggerIndex[] indexes = new TriggerIndex[PatternEntry.View.values().length];

    public PatternRule(List<PatternEntry> patterns) {
        for (PatternEntry.View view : PatternEntry.View.values()) {
            indexes[view.ordinal()] = new TriggerIndex();
        }
        this.patterns = patterns.stream().map(p -> new TriggeredPattern(p, indexes[p.view().ordinal()])).toList();
        for (TriggerIndex index : indexes) {
            index.build();
        }
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        TriggerIndex.Occurrences[] found = new TriggerIndex.Occurrences[indexes.length];
        for (TriggeredPattern pattern : patterns) {
            PatternEntry entry = pattern.entry();
            NormalizedText view = switch (entry.view()) {
                case COMPACT -> scan.text().compact();
                case FOLDED -> scan.text().folded();
                case LINKS -> scan.text().links();
            };
            TriggerIndex.Occurrences occurrences = null;
            if (pattern.usesIndex()) {
                int v = entry.view().ordinal();
                if (found[v] == null) {
                    found[v] = indexes[v].scan(view.text());
                }
                occurrences = found[v];
            }
            MatchedSpan span = pattern.find(view, scan, occurrences);
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
