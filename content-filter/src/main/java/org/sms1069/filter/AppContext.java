package org.sms1069.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the sending app has registered: approved signature names (without brackets), approved
 * templates with {@code ${var}} placeholders (without the signature) and filed link domains.
 * An empty context skips the registration and template checks (evaluation, dry runs).
 */
public record AppContext(Set<String> signatures, List<String> templates, Set<String> linkDomains) {

    public static final AppContext EMPTY = new AppContext(Set.of(), List.of(), Set.of());

    public AppContext {
        signatures = Set.copyOf(signatures);
        templates = List.copyOf(templates);
        linkDomains = linkDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isEmpty() {
        return signatures.isEmpty() && templates.isEmpty() && linkDomains.isEmpty();
    }
}
