package org.sms1069.filter;

import org.sms1069.model.MessageType;

/** One filter for all tests: building it loads the full lexicon once. */
final class ContentFilterTestSupport {

    static final ContentFilter FILTER = ContentFilter.withDefaultRules();

    private ContentFilterTestSupport() {
    }

    static Verdict check(String text) {
        return FILTER.check(FilterMessage.untyped(text));
    }

    static Verdict check(String text, MessageType type) {
        return FILTER.check(FilterMessage.of(text, type));
    }
}
