package org.sms1069.messaging;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Carries a message's trace through Kafka: a published record gets a producer span, child of the trace current on
 * the publishing thread (or of the record's parts, {@link Publisher#publishJoined}), whose context goes into the
 * record's headers ({@code traceparent}, W3C); a consumed record's handling gets a consumer span, child of the one
 * in its headers. With tracing off ({@link #OFF}: no tracer, or the service's {@code management.tracing.enabled}
 * false) nothing is started or written, and a publish without a current trace writes no header.
 */
public final class RecordTracing {
    public static final RecordTracing OFF = new RecordTracing(Tracer.NOOP, Propagator.NOOP);
    /** The W3C header: "00-" trace id (32 hex) "-" span id (16 hex) "-" flags. */
    static final String TRACEPARENT = "traceparent";
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

    private static final Propagator.Setter<Headers> SET = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };
    private static final Propagator.Getter<Headers> GET = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    private RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The service's tracing; {@link #OFF} when either part is missing. */
    public static RecordTracing of(Tracer tracer, Propagator propagator) {
        return of(true, tracer, propagator);
    }

    /**
     * The service's tracing, {@link #OFF} unless {@code enabled} ({@code management.tracing.enabled}: Spring Boot
     * then still makes a tracer, whose spans nobody exports and whose context no header carries).
     */
    public static RecordTracing of(boolean enabled, Tracer tracer, Propagator propagator) {
        return !enabled || tracer == null || propagator == null || tracer == Tracer.NOOP
                ? OFF : new RecordTracing(tracer, propagator);
    }

    private boolean off() {
        return this == OFF;
    }

    /** The trace current on this thread, to make current again elsewhere ({@link RecordTrace#open()}). */
    public RecordTrace current() {
        if (off()) {
            return RecordTrace.NONE;
        }
        CurrentTraceContext current = tracer.currentTraceContext();
        TraceContext context = current.context();
        return context == null ? RecordTrace.NONE : new RecordTrace(current, context);
    }

    /**
     * Starts the producer span of a record and writes its context into the record's headers; null (nothing written)
     * without a parent. The other traces the record carries on are span links.
     */
    Span startPublish(ProducerRecord<String, byte[]> record, RecordTrace parent, List<RecordTrace> linked) {
        if (off() || parent.context() == null) {
            return null;
        }
        Span span = childOf(parent, linked).name("publish " + record.topic())
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .start();
        propagator.inject(span.context(), record.headers(), SET);
        return span;
    }

    private Span.Builder childOf(RecordTrace parent, List<RecordTrace> linked) {
        Span.Builder builder = tracer.spanBuilder().setParent(parent.context());
        for (RecordTrace link : linked) {
            if (link.context() != null && link.context() != parent.context()) {
                builder.addLink(new Link(link.context()));
            }
        }
        return builder;
    }

    /** The consumer span of a record's handling: child of the span in its headers, or the start of a new trace. */
    HandlingSpan startHandling(ConsumerRecord<?, ?> record) {
        if (off()) {
            return HandlingSpan.NONE;
        }
        Span span = propagator.extract(record.headers(), GET).name("process " + record.topic())
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.kafka.partition", String.valueOf(record.partition()))
                .tag("messaging.kafka.offset", String.valueOf(record.offset()))
                .start();
        return new HandlingSpan(tracer, span);
    }

    /** A span of a step inside a record's handling (e.g. a carrier's round trip), child of {@code parent}. */
    public Step startStep(String name, RecordTrace parent) {
        return startStep(name, parent, List.of());
    }

    /**
     * A step done for several messages at once (e.g. one callback POST for several status changes): child of
     * {@code parent}, linked to the other traces.
     */
    public Step startStep(String name, RecordTrace parent, List<RecordTrace> linked) {
        if (off() || parent.context() == null) {
            return Step.NONE;
        }
        return new Step(childOf(parent, linked).name(name).start());
    }

    /** The trace kept as {@link RecordTrace#traceparent()}; {@link RecordTrace#NONE} if there is none or it is malformed. */
    public RecordTrace resume(String traceparent) {
        if (off() || traceparent == null || !TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return RecordTrace.NONE;
        }
        TraceContext context = tracer.traceContextBuilder().traceId(traceparent.substring(3, 35))
                .spanId(traceparent.substring(36, 52)).sampled(traceparent.endsWith("1")).build();
        return new RecordTrace(tracer.currentTraceContext(), context);
    }

    /** The trace id of a record's {@code traceparent} header, or null. */
    static String traceIdOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(TRACEPARENT);
        if (header == null || header.value().length < 35 || header.value()[2] != '-') {
            return null;
        }
        return new String(header.value(), 3, 32, StandardCharsets.US_ASCII);
    }

    /** Ends a span that may be null, marked with the error (if any). */
    static void end(Span span, Throwable error) {
        if (span != null) {
            if (error != null) {
                span.error(error);
            }
            span.end();
        }
    }

    /** A started step; {@link #end} with the step's failure, or null. */
    public static final class Step {
        public static final Step NONE = new Step(null);
        private final Span span;

        private Step(Span span) {
            this.span = span;
        }

        public Step tag(String key, String value) {
            if (span != null && value != null) {
                span.tag(key, value);
            }
            return this;
        }

        public void end(Throwable error) {
            RecordTracing.end(span, error);
        }
    }
}
