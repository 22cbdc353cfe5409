package org.sms1069.api.store;

import org.sms1069.model.MessageType;

import java.util.Map;
import java.util.regex.Pattern;

/** The text a phone will show, with where it came from. */
public record ComposedMessage(String text, MessageType type, String signature, String templateId,
                              Map<String, String> params) {
    /** Where the code is not known (free text), every run of 4 or more letters and digits may be it. */
    private static final Pattern CODE_LIKE = Pattern.compile("[0-9A-Za-z]{4,}");

    /**
     * The text as it may be kept (status store, compliance log): a verification code is a secret once sent, so in a
     * verification message every occurrence of the template's {@code code} value is masked, whatever its alphabet;
     * in free verification text, where the code is not known, every run of 4 or more ASCII letters and digits is.
     * Other messages are kept as sent.
     */
    public String keptText() {
        if (type != MessageType.VERIFICATION) {
            return text;
        }
        String code = params == null ? null : params.get("code");
        if (code != null && !code.isEmpty()) {
            return text.replace(code, "*".repeat(code.length()));
        }
        return CODE_LIKE.matcher(text).replaceAll(m -> "*".repeat(m.group().length()));
    }
}
