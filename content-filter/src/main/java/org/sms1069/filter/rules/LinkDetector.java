package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sms1069.filter.normalize.NormalizedText;

/**
 * Finds links in the links view (whitespace gone, 。 between labels read as a dot), so
 * "t 。cn/x" and "dwz . cn" are seen. A candidate counts only if its last label is a known
 * top-level domain, which keeps "8.5折" or "v1.2" out.
 */
public final class LinkDetector {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![a-z0-9@.\\-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?\\.)+([a-z]{2,12}))(?![a-z0-9])"
                    + "(?::\\d{1,5})?(?:/[\\x21-\\x7e]*)?");

    private final Set<String> topLevelDomains;

    public LinkDetector(Set<String> topLevelDomains) {
        this.topLevelDomains = Set.copyOf(topLevelDomains);
    }

    public List<Link> find(NormalizedText links) {
        List<Link> found = new ArrayList<>(2);
        String text = links.text();
        if (!hasDotBeforeLetter(text)) {
            return found;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (!topLevelDomains.contains(m.group(2))) {
                continue;
            }
            String host = m.group(1);
            if (host.startsWith("www.")) {
                host = host.substring(4);
            }
            found.add(new Link(host, links.span(m.start(), m.end())));
        }
        return found;
    }

    /** Every link has a dot followed by a letter; most messages have none, and the regex is not cheap. */
    private static boolean hasDotBeforeLetter(String text) {
        for (int at = text.indexOf('.'); at >= 0 && at + 1 < text.length(); at = text.indexOf('.', at + 1)) {
            char next = text.charAt(at + 1);
            if (next >= 'a' && next <= 'z') {
                return true;
            }
        }
        return false;
    }
}
