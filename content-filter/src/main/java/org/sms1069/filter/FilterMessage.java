package org.sms1069.filter;

import java.util.Objects;
import org.sms1069.model.MessageType;

/**
 * A message as the phone will show it ({@code 【signature】} included), the type the app
 * declared and the app's registrations. A null type means "unknown": the filter infers it
 * (see {@link MessageTypeInference}).
 */
public record FilterMessage(String text, MessageType declaredType, AppContext context) {

    public FilterMessage {
        Objects.requireNonNull(text, "text");
        context = context == null ? AppContext.EMPTY : context;
    }

    public static FilterMessage of(String text, MessageType type) {
        return new FilterMessage(text, type, AppContext.EMPTY);
    }

    /** For evaluation: no declared type and no app context. */
    public static FilterMessage untyped(String text) {
        return new FilterMessage(text, null, AppContext.EMPTY);
    }
}
