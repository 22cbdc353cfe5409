package org.sms1069.filter.rules;

/**
 * Where the {@code 【name】} signature sits: at the very start (the usual place) or, failing
 * that, at the very end. Offsets are into the original text; {@code bodyStart..bodyEnd} is the
 * text without it.
 */
public record SignaturePlace(String name, int start, int end, int bodyStart, int bodyEnd) {

    public static SignaturePlace locate(String text) {
        int from = 0;
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        if (from < text.length() && text.charAt(from) == '【') {
            int close = text.indexOf('】', from + 1);
            if (close > 0) {
                return new SignaturePlace(text.substring(from + 1, close), from, close + 1, close + 1, text.length());
            }
        }
        int to = text.length();
        while (to > 0 && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to > 0 && text.charAt(to - 1) == '】') {
            int open = text.lastIndexOf('【', to - 2);
            if (open >= 0) {
                return new SignaturePlace(text.substring(open + 1, to - 1), open, to, 0, open);
            }
        }
        return null;
    }

    public String body(String text) {
        return text.substring(bodyStart, bodyEnd);
    }
}
