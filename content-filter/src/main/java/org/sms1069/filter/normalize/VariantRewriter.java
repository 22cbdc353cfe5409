package org.sms1069.filter.normalize;

import java.util.Collection;
import java.util.Map;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Rewrites spam spellings to the word they stand for (薇信→微信, 扣扣→qq, 菠菜→博彩,
 * youhui→优惠) so that one lexicon entry covers them all. Leftmost-longest, non-overlapping.
 * A purely Latin variant (vx, wx, youhui) only counts when it is not glued to other Latin
 * letters in the text, so "wxyz" or "Bayou" are left alone.
 */
public final class VariantRewriter {

    private final PayloadTrie<String> trie;
    private final boolean empty;

    /** @param variants variant → canonical, both already folded and compact */
    public VariantRewriter(Map<String, String> variants) {
        PayloadTrie.PayloadTrieBuilder<String> builder = PayloadTrie.<String>builder().ignoreOverlaps();
        variants.forEach(builder::addKeyword);
        this.trie = builder.build();
        this.empty = variants.isEmpty();
    }

    NormalizedText rewrite(NormalizedText compact, String folded) {
        if (empty) {
            return compact;
        }
        String text = compact.text();
        Collection<PayloadEmit<String>> emits = trie.parseText(text);
        if (emits.isEmpty()) {
            return compact;
        }
        OffsetTextBuilder out = new OffsetTextBuilder(text.length());
        int next = 0;
        for (PayloadEmit<String> emit : emits) {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            if (start < next || (isLatin(emit.getKeyword()) && gluedToLatin(compact, start, end, folded))) {
                continue;
            }
            copy(compact, next, start, out);
            int from = compact.originalStart(start);
            int to = compact.originalEnd(end - 1);
            String canonical = emit.getPayload();
            for (int i = 0; i < canonical.length(); i++) {
                out.append(canonical.charAt(i), from, to);
            }
            next = end;
        }
        copy(compact, next, text.length(), out);
        return out.build(compact.original());
    }

    private static void copy(NormalizedText source, int from, int to, OffsetTextBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(source.text().charAt(i), source.originalStart(i), source.originalEnd(i));
        }
    }

    private static boolean gluedToLatin(NormalizedText compact, int start, int end, String folded) {
        int before = compact.originalStart(start) - 1;
        int after = compact.originalEnd(end - 1);
        return (before >= 0 && isLatinLetter(folded.charAt(before)))
                || (after < folded.length() && isLatinLetter(folded.charAt(after)));
    }

    private static boolean isLatin(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isLatinLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatinLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
