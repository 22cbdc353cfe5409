package org.sms1069.filter;

import java.util.Objects;

/** A part of the ORIGINAL message text: {@code text.substring(start, end)} equals {@code matched}. */
public record MatchedSpan(int start, int end, String matched) implements Comparable<MatchedSpan> {

    public MatchedSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        Objects.requireNonNull(matched, "matched");
    }

    public static MatchedSpan of(String original, int start, int end) {
        return new MatchedSpan(start, end, original.substring(start, end));
    }

    @Override
    public int compareTo(MatchedSpan other) {
        int byStart = Integer.compare(start, other.start);
        return byStart != 0 ? byStart : Integer.compare(end, other.end);
    }
}
