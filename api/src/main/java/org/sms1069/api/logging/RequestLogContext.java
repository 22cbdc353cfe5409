package org.sms1069.api.logging;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.util.context.Context;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The logging context (MDC) of one REST request: {@code appId} once the request is authenticated, {@code messageId}
 * (one message) or {@code messageIds} (several, space-separated) once they are given out; {@code traceId} and
 * {@code spanId} come from tracing. WebFlux hands a request from thread to thread, so the values live in the
 * request's Reactor context and Reactor's automatic context propagation ({@code spring.reactor.context-propagation:
 * auto}) writes them into the MDC of whichever thread runs the request's next step, through the
 * {@link ThreadLocalAccessor}s registered here. Never a phone number or a text.
 */
public final class RequestLogContext {
    public static final String APP_ID = "appId";
    public static final String MESSAGE_ID = "messageId";
    public static final String MESSAGE_IDS = "messageIds";
    private static final String KEY_PREFIX = "sms.log.";

    static {
        for (String field : List.of(APP_ID, MESSAGE_ID, MESSAGE_IDS)) {
            ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcField(field));
        }
    }

    private RequestLogContext() {
    }

    /** For {@code contextWrite}: the request's app, on the lines logged from here on. */
    public static Function<Context, Context> app(String appId) {
        return context -> appId == null ? context : context.put(KEY_PREFIX + APP_ID, appId);
    }

    /** For {@code contextWrite}: the request's message ids. */
    public static Function<Context, Context> messages(Collection<String> messageIds) {
        return context -> switch (messageIds.size()) {
            case 0 -> context;
            case 1 -> context.put(KEY_PREFIX + MESSAGE_ID, messageIds.iterator().next());
            default -> context.put(KEY_PREFIX + MESSAGE_IDS, String.join(" ", messageIds));
        };
    }

    /** One MDC field, set from the Reactor context while a request's step runs and removed after it. */
    private static final class MdcField implements ThreadLocalAccessor<String> {
        private final String field;

        MdcField(String field) {
            this.field = field;
        }

        @Override
        public Object key() {
            return KEY_PREFIX + field;
        }

        @Override
        public String getValue() {
            return MDC.get(field);
        }

        @Override
        public void setValue(String value) {
            MDC.put(field, value);
        }

        @Override
        public void setValue() {
            MDC.remove(field);
        }
    }
}
