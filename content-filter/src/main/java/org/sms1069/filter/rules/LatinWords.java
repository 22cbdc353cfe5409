package org.sms1069.filter.rules;

/**
 * Latin text keeps its word boundaries: the compact view squeezes spaces out so that 优 惠 still
 * reads 优惠, but "share this code" must not read "…e th…". A match that starts or ends with a
 * Latin letter must not be glued to further letters of the same word, and may only bridge a
 * separator between Latin letters when it is a spelled-out evasion (u s d t, b.t.c): every Latin
 * run inside it is a single letter.
 */
final class LatinWords {

    private LatinWords() {
    }

    /** @param folded the folded view (same offsets as the original); [from, to) original offsets of the match */
    static boolean wholeWords(String folded, int from, int to) {
        if (from >= to) {
            return true;
        }
        if (isLetter(folded.charAt(from)) && from > 0 && isLetter(folded.charAt(from - 1))) {
            return false;
        }
        if (isLetter(folded.charAt(to - 1)) && to < folded.length() && isLetter(folded.charAt(to))) {
            return false;
        }
        return !bridgesWords(folded, from, to);
    }

    /** True when a separator between two Latin letters sits inside the match and a Latin run there is longer than one letter. */
    private static boolean bridgesWords(String folded, int from, int to) {
        boolean bridged = false;
        boolean longRun = false;
        int run = 0;
        int lastLetterEnd = -1;
        for (int i = from; i < to; i++) {
            char c = folded.charAt(i);
            if (isLetter(c)) {
                if (lastLetterEnd >= 0 && lastLetterEnd < i) { // only separators since the last letter
                    bridged = true;
                }
                run = lastLetterEnd == i ? run + 1 : 1;
                longRun |= run > 1;
                lastLetterEnd = i + 1;
            } else if (Character.isLetterOrDigit(c)) {
                lastLetterEnd = -1;
                run = 0;
            }
        }
        return bridged && longRun;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
