package org.sms1069.filter.normalize;

import java.util.Arrays;

/** Appends chars together with the original range each one stands for (plain arrays, grown when full). */
final class OffsetTextBuilder {

    private char[] text;
    private int[] start;
    private int[] end;
    private int length;

    OffsetTextBuilder(int capacity) {
        int size = Math.max(16, capacity);
        text = new char[size];
        start = new int[size];
        end = new int[size];
    }

    void append(char c, int originalStart, int originalEnd) {
        int i = length;
        if (i == text.length) {
            text = Arrays.copyOf(text, i * 2);
            start = Arrays.copyOf(start, i * 2);
            end = Arrays.copyOf(end, i * 2);
        }
        text[i] = c;
        start[i] = originalStart;
        end[i] = originalEnd;
        length = i + 1;
    }

    NormalizedText build(String original) {
        return new NormalizedText(original, new String(text, 0, length), start, end);
    }
}
