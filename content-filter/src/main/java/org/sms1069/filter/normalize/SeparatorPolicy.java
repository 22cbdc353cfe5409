package org.sms1069.filter.normalize;

/**
 * Which chars may sit between the chars of a word without changing what it says. Looked up in
 * tables built once: Character's Unicode properties are too slow to ask per char per message.
 */
final class SeparatorPolicy {

    private static final boolean[] MEANINGFUL = new boolean[Character.MAX_VALUE + 1];
    private static final boolean[] INVISIBLE = new boolean[Character.MAX_VALUE + 1];
    private static final boolean[] DROPPED_FROM_LINKS = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            MEANINGFUL[c] = Character.isLetterOrDigit(c);
            INVISIBLE[c] = Character.getType(c) == Character.FORMAT || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x034F;
            DROPPED_FROM_LINKS[c] = c == ' ' || INVISIBLE[c] || Character.isWhitespace(c);
        }
    }

    private SeparatorPolicy() {
    }

    /** Letters and digits carry meaning; spaces, punctuation, symbols, emoji and invisible chars don't. */
    static boolean keepsMeaning(int codePoint) {
        return codePoint <= Character.MAX_VALUE ? MEANINGFUL[codePoint] : Character.isLetterOrDigit(codePoint);
    }

    /** Zero-width and other format chars, variation selectors: invisible on the phone. */
    static boolean invisible(char c) {
        return INVISIBLE[c];
    }

    /** Spaces, whitespace and invisible chars: not part of the links view. */
    static boolean dropsFromLinks(char c) {
        return DROPPED_FROM_LINKS[c];
    }
}
