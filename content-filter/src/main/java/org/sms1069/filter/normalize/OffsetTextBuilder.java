package org.sms1069.filter.normalize;

import java.util.Arrays;

/** Appends chars together with the original range each one stands for. */
final class OffsetTextBuilder {

    private final StringBuilder text;
    private int[] start;
    private int[] end;

    OffsetTextBuilder(int capacity) {
        int size = Math.max(16, capacity);
        text = new StringBuilder(size);
        start = new int[size];
        end = new int[size];
    }

    void append(char c, int originalStart, int originalEnd) {
        int i = text.length();
        if (i == start.length) {
            start = Arrays.copyOf(start, i * 2);
            end = Arrays.copyOf(end, i * 2);
        }
        text.append(c);
        start[i] = originalStart;
        end[i] = originalEnd;
    }

    NormalizedText build(String original) {
        return new NormalizedText(original, text.toString(), start, end);
    }
}
