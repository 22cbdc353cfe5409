package org.sms1069.testkit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a test's services export their finished spans (a {@link SpanExporter} bean, or a span processor's
 * exporter): kept in memory to be asserted on, in place of an OTLP collector.
 */
public final class SpanSink implements SpanExporter {
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    public List<SpanData> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace. */
    public List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The name of the service that recorded the span (its resource's {@code service.name}). */
    public static String serviceOf(SpanData span) {
        return span.getResource().getAttribute(SERVICE);
    }
}
