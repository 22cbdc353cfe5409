package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Set;

/**
 * When an entry counts: at least one of {@code requiresAny} (if any are listed) and none of
 * {@code unlessAny} must have been seen in the message. Ids are lexicon/pattern rule ids or
 * structural rule ids such as {@code LINK}.
 */
public record Condition(List<String> requiresAny, List<String> unlessAny) {

    public static final Condition ALWAYS = new Condition(List.of(), List.of());

    public Condition {
        requiresAny = List.copyOf(requiresAny);
        unlessAny = List.copyOf(unlessAny);
    }

    public boolean holds(Set<String> seen) {
        for (String id : unlessAny) {
            if (seen.contains(id)) {
                return false;
            }
        }
        if (requiresAny.isEmpty()) {
            return true;
        }
        for (String id : requiresAny) {
            if (seen.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
