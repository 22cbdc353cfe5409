package org.sms1069.filter.rules;

import org.sms1069.filter.AppContext;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.normalize.NormalizedMessage;
import org.sms1069.model.MessageType;

/** One message being checked: its views, its (declared or inferred) type and the app's context. */
public record MessageScan(NormalizedMessage text, MessageType type, AppContext context, FilterSettings settings) {

    public String original() {
        return text.original();
    }

    public String folded() {
        return text.folded().text();
    }
}
