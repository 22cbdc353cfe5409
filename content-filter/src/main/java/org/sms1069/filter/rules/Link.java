package org.sms1069.filter.rules;

import java.util.Set;
import org.sms1069.filter.MatchedSpan;

/** A link found in a message: its host (lower case, no "www.") and where it is in the original text. */
public record Link(String host, MatchedSpan span) {

    /** True when the host is one of the domains or a sub-domain of one. */
    public boolean onDomain(Set<String> domains) {
        for (String domain : domains) {
            String d = domain.startsWith("www.") ? domain.substring(4) : domain;
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
