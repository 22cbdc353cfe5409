package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.lexicon.PatternEntry;
import org.sms1069.filter.normalize.NormalizedText;

/**
 * A pattern row with its triggers compiled, so the regex runs only where it can match:
 * <ul>
 *   <li>{@code word}: run the regex only if the view contains the word;</li>
 *   <li>{@code ^word}: the match must start at an occurrence of the word, so the regex is tried
 *       only there ({@code lookingAt}) instead of at every position;</li>
 *   <li>{@code ~word}: the match contains the word, so the regex only searches a window of
 *       {@value #WINDOW} chars either side of each occurrence;</li>
 *   <li>{@code {digits:N}}: run only if the view has a run of N digits (or x, the anonymised
 *       digit), single spaces or dashes allowed between them.</li>
 * </ul>
 * A regex that scans every position of every message is what makes a filter slow.
 */
final class TriggeredPattern {

    static final int WINDOW = 16;

    private final PatternEntry entry;
    private final List<String> anywhere = new ArrayList<>();
    private final List<String> anchored = new ArrayList<>();
    private final List<String> nearby = new ArrayList<>();
    private final int minDigitRun;
    // the same triggers as ids of the view's TriggerIndex; null when a trigger is empty (then
    // the String-based search below is used)
    private final int[] anywhereIds;
    private final int[] anchoredIds;
    private final int[] nearbyIds;
    private final ThreadLocal<Matcher> matchers = new ThreadLocal<>();

    TriggeredPattern(PatternEntry entry) {
        this(entry, null);
    }

    /** @param index the trigger index of the entry's view, still being built (null: no index) */
    TriggeredPattern(PatternEntry entry, TriggerIndex index) {
        this.entry = entry;
        int digits = 0;
        for (String trigger : entry.triggers()) {
            if (trigger.startsWith("{digits:") && trigger.endsWith("}")) {
                digits = Integer.parseInt(trigger.substring(8, trigger.length() - 1));
            } else if (trigger.startsWith("~")) {
                nearby.add(trigger.substring(1));
            } else if (trigger.startsWith("^")) {
                anchored.add(trigger.substring(1));
            } else {
                anywhere.add(trigger);
            }
        }
        this.minDigitRun = digits;
        boolean indexable = index != null && anywhere.stream().noneMatch(String::isEmpty)
                && anchored.stream().noneMatch(String::isEmpty) && nearby.stream().noneMatch(String::isEmpty);
        this.anywhereIds = indexable ? TriggerIndex.ids(index, anywhere) : null;
        this.anchoredIds = indexable ? TriggerIndex.ids(index, anchored) : null;
        this.nearbyIds = indexable ? TriggerIndex.ids(index, nearby) : null;
    }

    /**
     * This thread's matcher of the entry's pattern, reset to the text (whole region; the caller
     * sets the bounds it needs): a Matcher per pattern and message is garbage the filter need not make.
     */
    private Matcher matcher(String text) {
        Matcher m = matchers.get();
        if (m == null) {
            m = entry.pattern().matcher(text);
            matchers.set(m);
            return m;
        }
        return m.reset(text);
    }

    PatternEntry entry() {
        return entry;
    }

    /** True when {@link #find(NormalizedText, MessageScan, TriggerIndex.Occurrences)} needs the view's trigger occurrences. */
    boolean usesIndex() {
        return anywhereIds != null && (anywhereIds.length > 0 || anchoredIds.length > 0 || nearbyIds.length > 0);
    }

    /** The first match outside the signature, or null. */
    MatchedSpan find(NormalizedText view, MessageScan scan) {
        String text = view.text();
        if (minDigitRun > 0 && !hasDigitRun(text, minDigitRun)) {
            return null;
        }
        if (!anywhere.isEmpty() && !containsAny(text, anywhere)) {
            return null;
        }
        if (!nearby.isEmpty()) {
            return containsAny(text, nearby) ? firstAround(entry.pattern().matcher(text), view, scan, nearby, false) : null;
        }
        if (!anchored.isEmpty()) {
            return containsAny(text, anchored) ? firstAround(entry.pattern().matcher(text), view, scan, anchored, true) : null;
        }
        return firstAnywhere(view, scan);
    }

    /**
     * The same as {@link #find(NormalizedText, MessageScan)}, with the triggers looked up in the
     * occurrences found by the view's {@link TriggerIndex} (null when {@link #usesIndex()} is false).
     */
    MatchedSpan find(NormalizedText view, MessageScan scan, TriggerIndex.Occurrences found) {
        if (!usesIndex()) {
            return find(view, scan);
        }
        String text = view.text();
        if (minDigitRun > 0 && !hasDigitRun(text, minDigitRun)) {
            return null;
        }
        if (anywhereIds.length > 0 && !found.containsAny(anywhereIds)) {
            return null;
        }
        if (nearbyIds.length > 0) {
            return found.containsAny(nearbyIds) ? firstAround(matcher(text), view, scan, found, nearbyIds, nearby, false) : null;
        }
        if (anchoredIds.length > 0) {
            return found.containsAny(anchoredIds) ? firstAround(matcher(text), view, scan, found, anchoredIds, anchored, true) : null;
        }
        return firstAnywhere(view, scan);
    }

    private MatchedSpan firstAnywhere(NormalizedText view, MessageScan scan) {
        Matcher m = matcher(view.text()).useTransparentBounds(false).useAnchoringBounds(true);
        while (m.find()) {
            MatchedSpan span = view.span(m.start(), m.end());
            if (!scan.insideSignature(span)) {
                return span;
            }
        }
        return null;
    }

    /** {@link #firstAround(Matcher, NormalizedText, MessageScan, List, boolean)} over indexed occurrences. */
    private static MatchedSpan firstAround(Matcher m, NormalizedText view, MessageScan scan, TriggerIndex.Occurrences found,
                                           int[] triggerIds, List<String> triggers, boolean startsAtTrigger) {
        m.useTransparentBounds(true).useAnchoringBounds(false);
        MatchedSpan best = null;
        for (int t = 0; t < triggerIds.length; t++) {
            int length = triggers.get(t).length();
            for (int o = found.next(triggerIds[t], 0); o >= 0; o = found.next(triggerIds[t], o + 1)) {
                int at = found.startOf(o);
                if (best != null && view.originalStart(at) >= best.end()) {
                    break;
                }
                MatchedSpan span = startsAtTrigger ? matchAt(m, view, at) : matchNear(m, view, at, length);
                if (span != null && !scan.insideSignature(span)) {
                    if (best == null || span.compareTo(best) < 0) {
                        best = span;
                    }
                    break;
                }
            }
        }
        return best;
    }

    /** The earliest match that starts at ({@code ^}) or lies near ({@code ~}) an occurrence of a trigger. */
    private static MatchedSpan firstAround(Matcher m, NormalizedText view, MessageScan scan, List<String> triggers,
                                           boolean startsAtTrigger) {
        String text = view.text();
        m.useTransparentBounds(true).useAnchoringBounds(false);
        MatchedSpan best = null;
        for (String trigger : triggers) {
            for (int at = text.indexOf(trigger); at >= 0; at = text.indexOf(trigger, at + 1)) {
                if (best != null && view.originalStart(at) >= best.end()) {
                    break;
                }
                MatchedSpan span = startsAtTrigger ? matchAt(m, view, at) : matchNear(m, view, at, trigger.length());
                if (span != null && !scan.insideSignature(span)) {
                    if (best == null || span.compareTo(best) < 0) {
                        best = span;
                    }
                    break;
                }
            }
        }
        return best;
    }

    private static MatchedSpan matchAt(Matcher m, NormalizedText view, int at) {
        m.region(at, view.length());
        return m.lookingAt() ? view.span(m.start(), m.end()) : null;
    }

    private static MatchedSpan matchNear(Matcher m, NormalizedText view, int at, int triggerLength) {
        m.region(Math.max(0, at - WINDOW), Math.min(view.length(), at + triggerLength + WINDOW));
        return m.find() ? view.span(m.start(), m.end()) : null;
    }

    private static boolean containsAny(String text, List<String> triggers) {
        for (String trigger : triggers) {
            if (text.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasDigitRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == 'x') {
                if (++run >= length) {
                    return true;
                }
            } else if (!(run > 0 && (c == ' ' || c == '-') && i + 1 < text.length())) {
                run = 0;
            }
        }
        return false;
    }
}
