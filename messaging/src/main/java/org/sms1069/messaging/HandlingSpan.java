package org.sms1069.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import java.util.concurrent.CompletableFuture;

/**
 * The consumer span of one record's handling: current on the consumer thread while the handler is called
 * ({@link #enter()}), ended when the handler's stage completes.
 */
final class HandlingSpan {
    static final HandlingSpan NONE = new HandlingSpan(null, null);

    private final Tracer tracer;
    private final Span span;

    HandlingSpan(Tracer tracer, Span span) {
        this.tracer = tracer;
        this.span = span;
    }

    /** The trace the handler carries on to the threads its stages hop to. */
    RecordTrace trace() {
        return span == null ? RecordTrace.NONE : new RecordTrace(tracer.currentTraceContext(), span.context());
    }

    /** Makes the span current on this thread until the returned scope closes. */
    Tracer.SpanInScope enter() {
        return span == null ? Tracer.NOOP.withSpan(null) : tracer.withSpan(span);
    }

    /** Ends the span when {@code stage} completes (marked with its error, if any); answers the stage. */
    <F extends CompletableFuture<?>> F endWhenDone(F stage) {
        if (span != null) {
            stage.whenComplete((result, error) -> end(error));
        }
        return stage;
    }

    void end(Throwable error) {
        RecordTracing.end(span, error);
    }
}
