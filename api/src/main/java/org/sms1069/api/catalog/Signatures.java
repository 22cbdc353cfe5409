package org.sms1069.api.catalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The signature 【name】 that starts every message: 2-12 Chinese characters, letters or digits. */
public final class Signatures {
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9]{2,12}");
    private static final Pattern LEADING = Pattern.compile("^【([^【】]{1,20})】");

    private Signatures() {
    }

    /** Why a name cannot be a signature, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("a signature is 2-12 Chinese characters, letters or digits, without spaces or symbols");
        }
        String lower = name.toLowerCase();
        if (lower.equals("test") || name.equals("测试")) {
            return Optional.of("'测试' and 'test' are not allowed as signatures");
        }
        return Optional.empty();
    }

    /** The signature a text starts with, if any. */
    public static Optional<String> leading(String text) {
        Matcher m = LEADING.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static String bracket(String name) {
        return "【" + name + "】";
    }
}
