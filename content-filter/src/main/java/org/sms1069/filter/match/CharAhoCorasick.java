package org.sms1069.filter.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick over UTF-16 chars with primitive arrays only: no boxing, no per-char map
 * lookups, no allocation while scanning. Keywords are matched exactly (case-sensitive,
 * overlaps allowed); every occurrence is reported, in order of its end offset (for one end
 * offset: the longest keyword first). Immutable and thread-safe once built.
 *
 * <p>Layout: the root's transitions are a two-level table (256 pages of 256 chars; pages without
 * a keyword char share one empty page, so a text's other chars stay in cache); every other
 * state keeps its children sorted by char in
 * one flat array (a few children each: linear scan, binary search past 8). Each state has its
 * failure link and the flattened list of every keyword that ends there (its own and those of
 * its failure chain).
 */
public final class CharAhoCorasick {

    /** Receives each occurrence: keyword index (into the build list), start and end (exclusive). */
    @FunctionalInterface
    public interface Hits {
        void hit(int keyword, int start, int end);
    }

    private static final int ROOT = 0;
    private static final int LINEAR_LIMIT = 8;

    private static final int[] EMPTY_PAGE = new int[256];

    private final int[][] rootPages;    // char >>> 8 -> page; page[char & 0xFF] -> state (ROOT: none)
    private final int[] childStart;     // state -> first index into childChar/childState; size states + 1
    private final char[] childChar;
    private final int[] childState;
    private final int[] fail;
    private final int[] outStart;       // state -> first index into outKeyword; size states + 1
    private final int[] outKeyword;
    private final int[] keywordLength;
    private final int keywordCount;

    /**
     * @param keywords non-empty strings; a keyword listed twice is reported under both indexes
     */
    public CharAhoCorasick(List<String> keywords) {
        keywordCount = keywords.size();
        keywordLength = new int[keywordCount];
        // 1. the trie, with growable per-state child lists
        List<char[]> chars = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        List<int[]> own = new ArrayList<>();
        int[] childCount = new int[16];
        chars.add(new char[0]);
        targets.add(new int[0]);
        own.add(new int[0]);
        int states = 1;
        for (int k = 0; k < keywordCount; k++) {
            String keyword = keywords.get(k);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            keywordLength[k] = keyword.length();
            int state = ROOT;
            for (int i = 0; i < keyword.length(); i++) {
                char c = keyword.charAt(i);
                int next = find(chars.get(state), targets.get(state), childCount[state], c);
                if (next < 0) {
                    next = states++;
                    chars.add(new char[0]);
                    targets.add(new int[0]);
                    own.add(new int[0]);
                    if (childCount.length < states) {
                        childCount = Arrays.copyOf(childCount, states * 2);
                    }
                    int n = childCount[state];
                    char[] cs = chars.get(state);
                    int[] ts = targets.get(state);
                    if (n == cs.length) {
                        cs = Arrays.copyOf(cs, Math.max(2, n * 2));
                        ts = Arrays.copyOf(ts, Math.max(2, n * 2));
                        chars.set(state, cs);
                        targets.set(state, ts);
                    }
                    cs[n] = c;
                    ts[n] = next;
                    childCount[state] = n + 1;
                }
                state = next;
            }
            int[] o = own.get(state);
            o = Arrays.copyOf(o, o.length + 1);
            o[o.length - 1] = k;
            own.set(state, o);
        }
        // 2. flatten children sorted by char
        childStart = new int[states + 1];
        int total = 0;
        for (int s = 0; s < states; s++) {
            childStart[s] = total;
            total += childCount[s];
        }
        childStart[states] = total;
        childChar = new char[total];
        childState = new int[total];
        for (int s = 0; s < states; s++) {
            int n = childCount[s];
            long[] packed = new long[n];
            char[] cs = chars.get(s);
            int[] ts = targets.get(s);
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) cs[i] << 32) | ts[i];
            }
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                childChar[childStart[s] + i] = (char) (packed[i] >>> 32);
                childState[childStart[s] + i] = (int) packed[i];
            }
        }
        rootPages = new int[256][];
        Arrays.fill(rootPages, EMPTY_PAGE);
        for (int i = childStart[ROOT]; i < childStart[ROOT + 1]; i++) {
            char c = childChar[i];
            if (rootPages[c >>> 8] == EMPTY_PAGE) {
                rootPages[c >>> 8] = new int[256];
            }
            rootPages[c >>> 8][c & 0xFF] = childState[i];
        }
        // 3. failure links and merged outputs, breadth first
        fail = new int[states];
        int[][] outputs = new int[states][];
        outputs[ROOT] = own.get(ROOT);
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int i = childStart[ROOT]; i < childStart[ROOT + 1]; i++) {
            int child = childState[i];
            fail[child] = ROOT;
            outputs[child] = own.get(child);
            queue[tail++] = child;
        }
        while (head < tail) {
            int s = queue[head++];
            for (int i = childStart[s]; i < childStart[s + 1]; i++) {
                char c = childChar[i];
                int child = childState[i];
                int f = fail[s];
                int target;
                while (true) {
                    target = f == ROOT ? rootNext(c) : child(f, c);
                    if (target != ROOT || f == ROOT) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = target;
                int[] mine = own.get(child);
                int[] inherited = outputs[target];
                int[] merged = Arrays.copyOf(mine, mine.length + inherited.length);
                System.arraycopy(inherited, 0, merged, mine.length, inherited.length);
                outputs[child] = merged;
                queue[tail++] = child;
            }
        }
        outStart = new int[states + 1];
        int outs = 0;
        for (int s = 0; s < states; s++) {
            outStart[s] = outs;
            outs += outputs[s].length;
        }
        outStart[states] = outs;
        outKeyword = new int[outs];
        for (int s = 0; s < states; s++) {
            System.arraycopy(outputs[s], 0, outKeyword, outStart[s], outputs[s].length);
        }
    }

    private static int find(char[] cs, int[] ts, int n, char c) {
        for (int i = 0; i < n; i++) {
            if (cs[i] == c) {
                return ts[i];
            }
        }
        return -1;
    }

    private int rootNext(char c) {
        return rootPages[c >>> 8][c & 0xFF];
    }

    /** The child of a non-root state on c, or ROOT when there is none. */
    private int child(int state, char c) {
        int lo = childStart[state];
        int hi = childStart[state + 1];
        if (hi - lo <= LINEAR_LIMIT) {
            for (int i = lo; i < hi; i++) {
                if (childChar[i] == c) {
                    return childState[i];
                }
            }
            return ROOT;
        }
        hi--;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = childChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childState[mid];
            }
        }
        return ROOT;
    }

    public int keywordCount() {
        return keywordCount;
    }

    /** Reports every occurrence of every keyword in {@code text}, by increasing end offset. */
    public void scan(CharSequence text, Hits hits) {
        int state = ROOT;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            state = step(state, text.charAt(i));
            int from = outStart[state];
            int to = outStart[state + 1];
            for (int o = from; o < to; o++) {
                int k = outKeyword[o];
                hits.hit(k, i + 1 - keywordLength[k], i + 1);
            }
        }
    }

    /** The automaton's state after {@code c}: the child for {@code c}, following failure links until one has it. */
    private int step(int state, char c) {
        while (state != ROOT) {
            int next = child(state, c);
            if (next != ROOT) {
                return next;
            }
            state = fail[state];
        }
        return rootNext(c);
    }

    /** True when some keyword occurs in {@code text}. */
    public boolean containsAny(CharSequence text) {
        int state = ROOT;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            state = step(state, text.charAt(i));
            if (outStart[state] != outStart[state + 1]) {
                return true;
            }
        }
        return false;
    }
}
