package org.sms1069.filter.rules;

import org.sms1069.filter.AppContext;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.normalize.NormalizedMessage;
import org.sms1069.model.MessageType;


/**
 * One message being checked: its views, its (declared or inferred) type, the app's context and
 * where its signature is (null when it has none).
 */
public record MessageScan(NormalizedMessage text, MessageType type, AppContext context, FilterSettings settings,
                          SignaturePlace signature) {

    public MessageScan(NormalizedMessage text, MessageType type, AppContext context, FilterSettings settings) {
        this(text, type, context, settings, SignaturePlace.locate(text.original()));
    }

    /**
     * The signature is the sender's registered name, not content: words in it (招聘, 返利) are not
     * pitches, neither in the brackets nor where the body repeats the name (登录麦田招聘).
     */
    public boolean insideSignature(MatchedSpan span) {
        return insideSignature(span.start(), span.end());
    }

    /** {@link #insideSignature(MatchedSpan)} for original offsets [start, end), without a span. */
    public boolean insideSignature(int start, int end) {
        if (signature == null) {
            return false;
        }
        if (start >= signature.start() && end <= signature.end()) {
            return true;
        }
        String name = signature.name();
        if (name.length() < 2) {
            return false;
        }
        String original = text.original();
        int from = Math.max(0, end - name.length());
        int at = original.indexOf(name, from);
        return at >= 0 && at <= start && end <= at + name.length();
    }

    public String original() {
        return text.original();
    }

    public String folded() {
        return text.folded().text();
    }
}
