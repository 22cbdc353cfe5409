package org.sms1069.filter.normalize;

/** Which chars may sit between the chars of a word without changing what it says. */
final class SeparatorPolicy {

    private SeparatorPolicy() {
    }

    /** Letters and digits carry meaning; spaces, punctuation, symbols, emoji and invisible chars don't. */
    static boolean keepsMeaning(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    /** Zero-width and other format chars, variation selectors: invisible on the phone. */
    static boolean invisible(char c) {
        return Character.getType(c) == Character.FORMAT || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x034F;
    }
}
