package org.sms1069.filter.rules;

import org.sms1069.filter.AppContext;
import org.sms1069.filter.Category;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.normalize.CharFolder;

/**
 * Signature format: {@code 【name】}, 2-12 Chinese chars, letters or digits, not a test name,
 * and no other 【】 in the text. Registration is checked only when the app's context lists
 * signatures.
 */
public final class SignatureRule implements Rule {

    public static final String FORMAT_ID = "FMT_SIGNATURE";
    public static final String TEST_ID = "FMT_SIGNATURE_TEST";
    public static final String BRACKETS_ID = "FMT_BRACKETS";
    public static final String MISSING_ID = "FMT_SIGNATURE_MISSING";
    public static final String UNREGISTERED_ID = "FMT_SIGNATURE_UNREGISTERED";

    /** {@code [\p{IsHan}A-Za-z0-9]{2,12}}, checked code point by code point. */
    static boolean validName(String name) {
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
            if (!ok || ++count > 12) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return count >= 2;
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        String text = scan.original();
        int block = scan.settings().blockScore();
        SignaturePlace signature = scan.signature();
        AppContext context = scan.context();
        if (signature == null) {
            if (!context.signatures().isEmpty()) {
                signals.add(new RuleHit(MISSING_ID, Category.FORMAT, block, null, "缺少签名 / no 【signature】"));
            }
            reportStrayBrackets(text, -1, -1, block, signals);
            return;
        }
        MatchedSpan span = MatchedSpan.of(text, signature.start(), signature.end());
        String name = signature.name();
        if (!validName(name)) {
            signals.add(new RuleHit(FORMAT_ID, Category.FORMAT, block, span,
                    "签名须为2-12个汉字、字母或数字 / signature must be 2-12 Chinese chars, letters or digits"));
        }
        if (scan.settings().testSignatures().contains(CharFolder.fold(name).strip())) {
            signals.add(new RuleHit(TEST_ID, Category.FORMAT, block, span, "测试签名 / test signature"));
        }
        if (!context.signatures().isEmpty() && !context.signatures().contains(name)) {
            signals.add(new RuleHit(UNREGISTERED_ID, Category.FORMAT, block, span,
                    "签名未报备 / signature not registered for this app"));
        }
        reportStrayBrackets(text, signature.start(), signature.end(), block, signals);
    }

    private static void reportStrayBrackets(String text, int sigStart, int sigEnd, int block, Signals signals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '【' || c == '】') && (i < sigStart || i >= sigEnd)) {
                signals.add(new RuleHit(BRACKETS_ID, Category.FORMAT, block, MatchedSpan.of(text, i, i + 1),
                        "签名以外不得出现【】 / 【】 only around the signature"));
                return;
            }
        }
    }
}
