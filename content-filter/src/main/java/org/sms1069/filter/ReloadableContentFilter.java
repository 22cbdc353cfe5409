package org.sms1069.filter;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.sms1069.filter.lexicon.RuleSet;

/**
 * A filter whose rules can be swapped while it serves: the new rule set is compiled fully
 * before it replaces the old one, so a check sees either the old or the new rules, never a mix,
 * and a rule set that fails to load leaves the running one in place.
 */
public final class ReloadableContentFilter {

    private final AtomicReference<ContentFilter> current;

    public ReloadableContentFilter(ContentFilter initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public Verdict check(FilterMessage message) {
        return current.get().check(message);
    }

    /** Compiles {@code rules} and swaps it in; throws (keeping the old rules) if they don't compile. */
    public ContentFilter reload(RuleSet rules) {
        ContentFilter next = ContentFilter.load(rules);
        current.set(next);
        return next;
    }

    public ContentFilter current() {
        return current.get();
    }
}
