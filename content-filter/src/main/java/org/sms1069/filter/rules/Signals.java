package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.Condition;

/**
 * What the rules saw in one message. Every rule id that matched is "seen" (even a weightless
 * CONTEXT entry, even a conditional one), and conditions are resolved only once all rules have
 * run, so the order in which rule families run does not matter. Not thread-safe: one per check.
 */
public final class Signals {

    private record Pending(RuleHit hit, Condition condition) {
    }

    private final Set<String> seen = new HashSet<>();
    private final List<Pending> pending = new ArrayList<>(32);

    public void add(RuleHit hit) {
        add(hit, Condition.ALWAYS);
    }

    public void add(RuleHit hit, Condition condition) {
        seen.add(hit.ruleId());
        pending.add(new Pending(hit, condition));
    }

    /** Marks a situation (e.g. a CONTEXT entry) without a hit of its own. */
    public void see(String id) {
        seen.add(id);
    }

    public boolean saw(String id) {
        return seen.contains(id);
    }

    /** Every hit added so far, whether or not its condition will hold. */
    public List<RuleHit> candidates() {
        List<RuleHit> hits = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            hits.add(p.hit());
        }
        return hits;
    }

    /** Hits whose condition holds given everything seen, with positive weight. */
    public List<RuleHit> resolve() {
        List<RuleHit> hits = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (p.hit().weight() > 0 && p.condition().holds(seen)) {
                hits.add(p.hit());
            }
        }
        return hits;
    }
}
