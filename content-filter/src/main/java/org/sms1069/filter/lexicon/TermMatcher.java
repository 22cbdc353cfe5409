package org.sms1069.filter.lexicon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.sms1069.filter.match.CharAhoCorasick;

/**
 * Finds every lexicon term in a compact text in one Aho-Corasick pass ({@link CharAhoCorasick}:
 * primitive arrays, no allocation per char). Occurrences come by increasing end offset; a term
 * shared by several entries is reported once per entry, in lexicon order. Immutable.
 */
public final class TermMatcher {

    /** A term occurrence: compact-text offsets [start, end). */
    public record TermMatch(LexiconEntry entry, int start, int end) {
    }

    /** Receives each occurrence without a {@link TermMatch} being allocated. */
    @FunctionalInterface
    public interface Visitor {
        void match(LexiconEntry entry, int start, int end);
    }

    private final CharAhoCorasick automaton;
    private final LexiconEntry[][] owners; // keyword index -> entries

    /** @param normalizeTerm how message text is normalised, applied to every term so both sides meet */
    public TermMatcher(List<LexiconEntry> entries, UnaryOperator<String> normalizeTerm) {
        Map<String, List<LexiconEntry>> byTerm = new LinkedHashMap<>();
        for (LexiconEntry entry : entries) {
            for (String term : entry.terms()) {
                String normalized = normalizeTerm.apply(term);
                if (normalized.isEmpty()) {
                    throw new IllegalArgumentException(entry.ruleId() + ": term normalises to nothing: " + term);
                }
                List<LexiconEntry> termOwners = byTerm.computeIfAbsent(normalized, t -> new ArrayList<>(1));
                if (!termOwners.contains(entry)) {
                    termOwners.add(entry);
                }
            }
        }
        this.automaton = new CharAhoCorasick(List.copyOf(byTerm.keySet()));
        this.owners = byTerm.values().stream().map(l -> l.toArray(new LexiconEntry[0])).toArray(LexiconEntry[][]::new);
    }

    public List<TermMatch> find(String compactText) {
        List<TermMatch> matches = new ArrayList<>();
        forEach(compactText, (entry, start, end) -> matches.add(new TermMatch(entry, start, end)));
        return matches;
    }

    /** Every occurrence, in the order {@link #find} lists them. */
    public void forEach(String compactText, Visitor visitor) {
        automaton.scan(compactText, (keyword, start, end) -> {
            for (LexiconEntry entry : owners[keyword]) {
                visitor.match(entry, start, end);
            }
        });
    }
}
