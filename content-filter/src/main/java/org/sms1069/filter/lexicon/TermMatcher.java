package org.sms1069.filter.lexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/** Finds every lexicon term in a compact text in one Aho-Corasick pass. Immutable. */
public final class TermMatcher {

    /** A term occurrence: compact-text offsets [start, end). */
    public record TermMatch(LexiconEntry entry, int start, int end) {
    }

    private final PayloadTrie<List<LexiconEntry>> trie;

    /** @param normalizeTerm how message text is normalised, applied to every term so both sides meet */
    public TermMatcher(List<LexiconEntry> entries, UnaryOperator<String> normalizeTerm) {
        Map<String, List<LexiconEntry>> byTerm = new HashMap<>();
        for (LexiconEntry entry : entries) {
            for (String term : entry.terms()) {
                String normalized = normalizeTerm.apply(term);
                if (normalized.isEmpty()) {
                    throw new IllegalArgumentException(entry.ruleId() + ": term normalises to nothing: " + term);
                }
                List<LexiconEntry> owners = byTerm.computeIfAbsent(normalized, t -> new ArrayList<>(1));
                if (!owners.contains(entry)) {
                    owners.add(entry);
                }
            }
        }
        PayloadTrie.PayloadTrieBuilder<List<LexiconEntry>> builder = PayloadTrie.builder();
        byTerm.forEach((term, owners) -> builder.addKeyword(term, List.copyOf(owners)));
        this.trie = builder.build();
    }

    public List<TermMatch> find(String compactText) {
        List<TermMatch> matches = new ArrayList<>();
        for (PayloadEmit<List<LexiconEntry>> emit : trie.parseText(compactText)) {
            for (LexiconEntry entry : emit.getPayload()) {
                matches.add(new TermMatch(entry, emit.getStart(), emit.getEnd() + 1));
            }
        }
        return matches;
    }
}
