package org.sms1069.model.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text a phone shows (signature included) into SMS parts. Chinese SMS go out in UCS2:
 * up to 70 UTF-16 units fit one SMS; above that each part carries 67 units after its 6-byte UDH.
 * A surrogate pair is never cut in two.
 */
public final class Segments {
    public static final int SINGLE_MAX = 70;
    public static final int PART_MAX = 67;
    /** UDH reference numbers are one byte in the 6-byte header. */
    public static final int MAX_PARTS = 255;

    private Segments() {
    }

    public static int count(String text) {
        return split(text).size();
    }

    public static List<String> split(String text) {
        if (text.length() <= SINGLE_MAX) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + PART_MAX, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return List.copyOf(parts);
    }
}
