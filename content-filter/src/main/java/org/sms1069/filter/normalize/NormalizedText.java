package org.sms1069.filter.normalize;

import org.sms1069.filter.MatchedSpan;

/**
 * A normalised view of a message with, for every normalised char, the range of the original
 * text it came from; a variant rewrite like 薇信→微信 or youhui→优惠 maps every output char to
 * the whole original variant.
 */
public final class NormalizedText {

    private final String original;
    private final String text;
    private final int[] originalStart; // null: identity
    private final int[] originalEnd;

    NormalizedText(String original, String text, int[] originalStart, int[] originalEnd) {
        if (originalStart != null && (originalStart.length < text.length() || originalEnd.length < text.length())) {
            throw new IllegalArgumentException("offset map shorter than text");
        }
        this.original = original;
        this.text = text;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    /** The identity view: every char maps to itself (no offset arrays needed). */
    static NormalizedText identity(String original, String folded) {
        if (folded.length() != original.length()) {
            throw new IllegalArgumentException("an identity view has the original's length");
        }
        return new NormalizedText(original, folded, null, null);
    }

    public String text() {
        return text;
    }

    public String original() {
        return original;
    }

    public int length() {
        return text.length();
    }

    public int originalStart(int index) {
        return originalStart == null ? index : originalStart[index];
    }

    public int originalEnd(int index) {
        return originalEnd == null ? index + 1 : originalEnd[index];
    }

    /** The original text behind normalised chars [start, end). */
    public MatchedSpan span(int start, int end) {
        return MatchedSpan.of(original, spanStart(start, end), spanEnd(start, end));
    }

    /** Where {@link #span(int, int)} starts in the original text, without building it. */
    public int spanStart(int start, int end) {
        if (start >= end) {
            return start < text.length() ? originalStart(start) : original.length();
        }
        return originalStart(start);
    }

    /** Where {@link #span(int, int)} ends in the original text, without building it. */
    public int spanEnd(int start, int end) {
        if (start >= end) {
            return start < text.length() ? originalStart(start) : original.length();
        }
        return originalEnd(end - 1);
    }
}
