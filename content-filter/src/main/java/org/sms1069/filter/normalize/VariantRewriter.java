package org.sms1069.filter.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sms1069.filter.match.CharAhoCorasick;

/**
 * Rewrites spam spellings to the word they stand for (薇信→微信, 扣扣→qq, 菠菜→博彩,
 * youhui→优惠) so that one lexicon entry covers them all. Of overlapping occurrences the longest
 * wins (equal lengths: the leftmost), the others are dropped; the kept ones are applied left to
 * right. A purely Latin variant (vx, wx, youhui) only counts when it is not glued to other Latin
 * letters in the text, so "wxyz" or "Bayou" are left alone (a glued variant still hides the
 * shorter ones it overlaps).
 */
public final class VariantRewriter {

    private final CharAhoCorasick automaton;
    private final String[] canonical;
    private final boolean[] latin;
    private final boolean empty;

    /** @param variants variant → canonical, both already folded and compact */
    public VariantRewriter(Map<String, String> variants) {
        List<String> keys = new ArrayList<>(variants.keySet());
        this.automaton = new CharAhoCorasick(keys);
        this.canonical = new String[keys.size()];
        this.latin = new boolean[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            canonical[k] = variants.get(keys.get(k));
            latin[k] = isLatin(keys.get(k));
        }
        this.empty = variants.isEmpty();
    }

    NormalizedText rewrite(NormalizedText compact, String folded) {
        if (empty) {
            return compact;
        }
        String text = compact.text();
        Occurrences found = new Occurrences();
        automaton.scan(text, found);
        if (found.size == 0) {
            return compact;
        }
        int[] kept = found.withoutOverlaps();
        OffsetTextBuilder out = new OffsetTextBuilder(text.length());
        int next = 0;
        for (int o : kept) {
            int start = found.start[o];
            int end = found.end[o];
            int keyword = found.keyword[o];
            if (start < next || (latin[keyword] && gluedToLatin(compact, start, end, folded))) {
                continue;
            }
            copy(compact, next, start, out);
            int from = compact.originalStart(start);
            int to = compact.originalEnd(end - 1);
            String replacement = canonical[keyword];
            for (int i = 0; i < replacement.length(); i++) {
                out.append(replacement.charAt(i), from, to);
            }
            next = end;
        }
        copy(compact, next, text.length(), out);
        return out.build(compact.original());
    }

    /** Every occurrence of a variant in the compact text: [start, end), by increasing end. */
    private static final class Occurrences implements CharAhoCorasick.Hits {

        int[] keyword = new int[4];
        int[] start = new int[4];
        int[] end = new int[4];
        int size;

        @Override
        public void hit(int k, int s, int e) {
            if (size == keyword.length) {
                keyword = Arrays.copyOf(keyword, size * 2);
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
            }
            keyword[size] = k;
            start[size] = s;
            end[size] = e;
            size++;
        }

        /**
         * Longest first (then leftmost), each kept occurrence drops every other one it overlaps;
         * the survivors by start offset.
         */
        int[] withoutOverlaps() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int bySize = (end[b] - start[b]) - (end[a] - start[a]);
                return bySize != 0 ? bySize : start[a] - start[b];
            });
            boolean[] removed = new boolean[size];
            for (int a : order) {
                if (removed[a]) {
                    continue;
                }
                for (int b = 0; b < size; b++) {
                    if (!(start[b] == start[a] && end[b] == end[a]) && start[b] < end[a] && start[a] < end[b]) {
                        removed[b] = true;
                    }
                }
            }
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!removed[i]) {
                    kept++;
                }
            }
            int[] result = new int[kept];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!removed[i]) {
                    result[n++] = i;
                }
            }
            Integer[] byStart = new Integer[kept];
            for (int i = 0; i < kept; i++) {
                byStart[i] = result[i];
            }
            Arrays.sort(byStart, (a, b) -> start[a] - start[b]);
            for (int i = 0; i < kept; i++) {
                result[i] = byStart[i];
            }
            return result;
        }
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
