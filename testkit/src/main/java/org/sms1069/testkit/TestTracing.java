package org.sms1069.testkit;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Micrometer Tracing over an OpenTelemetry SDK, as Spring Boot sets it up in the services (W3C propagation, every
 * trace sampled), for code tested without Spring: each span is exported to {@link #spans()} when it ends.
 */
public record TestTracing(Tracer tracer, Propagator propagator, SpanSink spans) {

    public static TestTracing start() {
        SpanSink spans = new SpanSink();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        io.opentelemetry.api.trace.Tracer otelTracer = otel.getTracer("test");
        Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> { });
        return new TestTracing(tracer, new OtelPropagator(otel.getPropagators(), otelTracer), spans);
    }
}
