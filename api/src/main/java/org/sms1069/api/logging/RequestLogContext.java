package org.sms1069.api.logging;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The logging context (MDC) of one REST request: {@code appId} once the request is authenticated, {@code messageId}
 * (one message) or {@code messageIds} (several, space-separated) once they are given out; {@code traceId} and
 * {@code spanId} come from tracing. WebFlux hands a request from thread to thread, so the values live in the
 * request's Reactor context, and are written into the MDC (through the {@link ThreadLocalAccessor}s registered
 * here), with the request's trace made current, only where a step needs them: in Reactor's {@code handle} and
 * {@code tap}, and in {@link #restored}. The api runs with {@code spring.reactor.context-propagation: limited}: the
 * automatic propagation ({@code auto}) restores them around every signal of every operator of every request, which
 * cost a fifth of the api's CPU (docs/benchmarks.md). Never a phone number or a text.
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

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestLogContext() {
    }

    /**
     * The Mono of {@code step}, made with the request's log context and trace on this thread: for a step that logs
     * or publishes (a record takes the trace current where it is published) outside {@code handle} and {@code tap}.
     */
    public static <T> Mono<T> restored(Supplier<Mono<T>> step) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                return step.get();
            }
        });
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
