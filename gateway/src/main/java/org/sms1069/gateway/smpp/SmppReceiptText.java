package org.sms1069.gateway.smpp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the de-facto standard receipt text of SMPP 3.4 Appendix B
 * ({@code id:... sub:... dlvrd:... submit date:... done date:... stat:... err:... text:...}),
 * leniently: any order, any case, missing fields.
 */
record SmppReceiptText(String id, String stat, String err) {
    private static final Pattern ID = Pattern.compile("(?i)\\bid:\\s*(\\S+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:\\s*(\\S+)");
    private static final Pattern ERR = Pattern.compile("(?i)\\berr:\\s*(\\S+)");

    static SmppReceiptText parse(String text) {
        return new SmppReceiptText(find(ID, text).orElse(null), find(STAT, text).orElse("UNKNOWN"), find(ERR, text).orElse(null));
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
