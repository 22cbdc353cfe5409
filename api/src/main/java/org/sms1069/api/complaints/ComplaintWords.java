package org.sms1069.api.complaints;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Words that make a reply a complaint: a phone that answers 举报, 投诉 or 骚扰 (in traditional
 * characters too) tells the carrier the same. Spaces and punctuation between the characters do not hide them.
 */
public final class ComplaintWords {
    static final List<String> WORDS = List.of("举报", "舉報", "投诉", "投訴", "骚扰", "騷擾", "诈骗", "詐騙", "垃圾短信", "12321");
    private static final Pattern NOISE = Pattern.compile("[\\s\\p{P}\\p{S}]+");

    private ComplaintWords() {
    }

    /** The first complaint word in the text, if any. */
    public static Optional<String> in(String text) {
        String plain = NOISE.matcher(text).replaceAll("");
        return WORDS.stream().filter(plain::contains).findFirst();
    }
}
