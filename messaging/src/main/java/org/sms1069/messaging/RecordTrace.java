package org.sms1069.messaging;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.TraceContext;

import java.util.concurrent.Executor;

/**
 * The trace one record's handling belongs to, carried across the threads a handler's stages hop to (a Redis reply,
 * a carrier's answer, a batch flush): {@link #open()} makes it current again, so the records published there carry
 * it on. As an {@link Executor} it runs a stage's continuation at once, on the completing thread, inside the trace:
 * {@code stage.thenComposeAsync(next, record.trace())}. {@link #NONE} when tracing is off or the record came
 * without a trace.
 */
public final class RecordTrace implements Executor {
    public static final RecordTrace NONE = new RecordTrace(null, null);

    private final CurrentTraceContext current;
    private final TraceContext context;

    RecordTrace(CurrentTraceContext current, TraceContext context) {
        this.current = current;
        this.context = context;
    }

    /** Makes this trace current on this thread until the scope closes; nothing when there is none. */
    public CurrentTraceContext.Scope open() {
        return context == null ? CurrentTraceContext.Scope.NOOP : current.maybeScope(context);
    }

    @Override
    public void execute(Runnable command) {
        try (CurrentTraceContext.Scope scope = open()) {
            command.run();
        }
    }

    /** The W3C trace id (32 hex digits), or null without a trace. */
    public String traceId() {
        return context == null ? null : context.traceId();
    }

    /**
     * The trace as a W3C {@code traceparent} ("00-" trace id "-" span id "-" flags), to keep with something handled
     * later (e.g. a callback in the outbox) and {@link RecordTracing#resume resume} then; null without a trace.
     */
    public String traceparent() {
        if (context == null) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    TraceContext context() {
        return context;
    }
}
