package org.sms1069.filter.score;

import org.sms1069.filter.normalize.NormalizedText;

/**
 * The text the marketing model reads: the compact view (folded, separators out, spam variants
 * rewritten) without the signature, digits read as {@code x} (the public corpus masks every
 * digit that way, so a trained weight means the same on both kinds of text), and a space where
 * two Latin words were apart in the original, so "share this" stays two words.
 *
 * @param chars      the model text
 * @param length     how many of {@code chars} are used
 * @param compactAt  for each model char the compact-view index it came from, -1 for an inserted space
 */
public record ModelText(char[] chars, int length, int[] compactAt, NormalizedText compact) {

    static final char DIGIT = 'x';
    static final char WORD_GAP = ' ';

    /** Leaves out the chars whose original offset is in [skipFrom, skipTo) (the signature; -1, -1 for none). */
    public static ModelText of(NormalizedText compact, int skipFrom, int skipTo) {
        String text = compact.text();
        int n = text.length();
        char[] chars = new char[2 * n]; // at most one gap before each char
        int[] at = new int[chars.length];
        int length = 0;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int from = compact.originalStart(i);
            if (from >= skipFrom && from < skipTo) {
                continue;
            }
            char c = text.charAt(i);
            if (previous >= 0 && isLatin(c) && isLatin(text.charAt(previous))
                    && compact.originalStart(i) > compact.originalEnd(previous)) {
                chars[length] = WORD_GAP;
                at[length++] = -1;
            }
            chars[length] = c >= '0' && c <= '9' ? DIGIT : c;
            at[length++] = i;
            previous = i;
        }
        return new ModelText(chars, length, at, compact);
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    public String substring(int start, int end) {
        return new String(chars, start, end - start);
    }

    /** Original offsets [from, to) of model chars [start, end); inserted spaces take their neighbours' place. */
    public int originalStart(int start, int end) {
        for (int i = start; i < end; i++) {
            if (compactAt[i] >= 0) {
                return compact.originalStart(compactAt[i]);
            }
        }
        return 0;
    }

    public int originalEnd(int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (compactAt[i] >= 0) {
                return compact.originalEnd(compactAt[i]);
            }
        }
        return 0;
    }
}
