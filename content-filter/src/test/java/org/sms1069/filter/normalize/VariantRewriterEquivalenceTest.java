package org.sms1069.filter.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sms1069.filter.lexicon.RuleSet;

/**
 * The variant rewriter against a straightforward reference of its rule (all occurrences by
 * regionMatches; longest first, then leftmost, each kept occurrence drops those it overlaps;
 * an all-Latin variant glued to Latin letters is skipped but still hides what it overlaps),
 * on generated texts made of the shipped variants, and independent of the map's order.
 */
class VariantRewriterEquivalenceTest {

    private final Map<String, String> variants = compactVariants();

    @Test
    void rewritesLikeTheReferenceOnGeneratedTexts() {
        VariantRewriter rewriter = new VariantRewriter(variants);
        List<Map.Entry<String, String>> shuffled = new ArrayList<>(variants.entrySet());
        Collections.shuffle(shuffled, new Random(3));
        Map<String, String> reordered = new LinkedHashMap<>();
        shuffled.forEach(e -> reordered.put(e.getKey(), e.getValue()));
        VariantRewriter other = new VariantRewriter(reordered);
        TextNormalizer plain = new TextNormalizer(new VariantRewriter(Map.of()));
        List<String> pieces = new ArrayList<>(variants.keySet());
        pieces.addAll(List.of("a", "b", "x", "信", "微", "优", "惠", " ", "，", "1", "q"));
        Random random = new Random(1069);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append(pieces.get(random.nextInt(pieces.size())));
            }
            String original = sb.toString();
            String folded = CharFolder.fold(original);
            NormalizedMessage base = plain.normalize(original);
            NormalizedText actual = rewriter.rewrite(base.compact(), folded);
            String expected = reference(base.compact(), folded);
            assertThat(actual.text()).as(original).isEqualTo(expected);
            assertThat(other.rewrite(base.compact(), folded).text()).as(original).isEqualTo(expected);
            for (int c = 0; c < actual.length(); c++) {
                assertThat(other.rewrite(base.compact(), folded).originalStart(c)).isEqualTo(actual.originalStart(c));
            }
        }
    }

    private String reference(NormalizedText compact, String folded) {
        String text = compact.text();
        List<int[]> found = new ArrayList<>(); // start, end, variant index
        List<String> keys = new ArrayList<>(variants.keySet());
        for (int start = 0; start < text.length(); start++) {
            for (int k = 0; k < keys.size(); k++) {
                if (text.startsWith(keys.get(k), start)) {
                    found.add(new int[] {start, start + keys.get(k).length(), k});
                }
            }
        }
        List<int[]> order = new ArrayList<>(found);
        order.sort((a, b) -> a[1] - a[0] != b[1] - b[0] ? (b[1] - b[0]) - (a[1] - a[0]) : a[0] - b[0]);
        List<int[]> kept = new ArrayList<>();
        List<int[]> removed = new ArrayList<>();
        for (int[] a : order) {
            if (removed.contains(a)) {
                continue;
            }
            kept.add(a);
            for (int[] b : found) {
                if (b != a && !(b[0] == a[0] && b[1] == a[1]) && b[0] < a[1] && a[0] < b[1]) {
                    removed.add(b);
                }
            }
        }
        kept.removeAll(removed);
        kept.sort((a, b) -> a[0] - b[0]);
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int[] o : kept) {
            String key = keys.get(o[2]);
            boolean latin = key.chars().allMatch(c -> c >= 'a' && c <= 'z');
            int before = compact.originalStart(o[0]) - 1;
            int after = compact.originalEnd(o[1] - 1);
            boolean glued = (before >= 0 && isLatin(folded.charAt(before))) || (after < folded.length() && isLatin(folded.charAt(after)));
            if (o[0] < next || (latin && glued)) {
                continue;
            }
            out.append(text, next, o[0]).append(variants.get(key));
            next = o[1];
        }
        return out.append(text.substring(next)).toString();
    }

    private static boolean isLatin(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static Map<String, String> compactVariants() {
        TextNormalizer plain = new TextNormalizer(new VariantRewriter(Map.of()));
        Map<String, String> compacted = new LinkedHashMap<>();
        RuleSet.defaults().variants().forEach((variant, canonical) ->
                compacted.put(plain.normalizeTerm(variant), plain.normalizeTerm(canonical)));
        return compacted;
    }
}
