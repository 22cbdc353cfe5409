package org.sms1069.e2e;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.testkit.SpanSink;
import org.sms1069.testkit.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One message's trace through the whole platform: the REST request in the api, its record on {@code sms.submit},
 * the router, {@code sms.out.<link>}, the gateway and its round trip to the carrier, {@code sms.status} and the
 * api's status consumer all in one trace, each record carrying the span of the step that wrote it in its
 * {@code traceparent} header and each consumer's span a child of it. The services export to a {@link SpanSink}.
 */
class TracingEndToEndTest {
    private static final SpanSink SPANS = new SpanSink();
    private static Platform platform;
    private static SignedClient app;

    @BeforeAll
    static void start() {
        platform = new Platform(Duration.ofMillis(200), SPANS);
        app = platform.onboardApp("Traced", "66", "示例科技");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void oneTraceShowsTheMessagesWholePathAcrossTheTopics() {
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of("13800138000"),
                "text", "【示例科技】您的订单已发货，请注意查收。", "type", "NOTIFICATION"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        String id = sent.body().get("messages").get(0).get("messageId").asText();
        String link = platform.linkId("CMCC");

        ConsumerRecord<?, ?> submit = TopicReader.first(Topics.SUBMIT, m -> m.messageId().equals(id));
        ConsumerRecord<?, ?> out = TopicReader.first(Topics.outbound(link),
                part -> part.recipients().stream().anyMatch(r -> r.messageId().equals(id)));
        ConsumerRecord<?, ?> submitted = TopicReader.first(Topics.STATUS,
                event -> event.messageId().equals(id) && event.status() == MessageStatus.SUBMITTED);
        Traceparent onSubmit = Traceparent.of(submit);
        String trace = onSubmit.traceId();
        assertThat(Traceparent.of(out).traceId()).as("sms.out.<link> record").isEqualTo(trace);
        assertThat(Traceparent.of(submitted).traceId()).as("sms.status record").isEqualTo(trace);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(names(SPANS.ofTrace(trace))).contains(
                "api: http post /v1/messages", "api: publish sms.submit", "router: process sms.submit",
                "router: publish sms.out." + link, "gateway: process sms.out." + link, "gateway: carrier submit",
                "gateway: publish sms.status", "api: process sms.status"));
        List<SpanData> spans = SPANS.ofTrace(trace);

        // each record's header names the producer span that wrote it, and the consumer's span is its child
        assertThat(span(spans, "api", "publish sms.submit").getSpanId()).isEqualTo(onSubmit.spanId());
        assertThat(span(spans, "router", "process sms.submit").getParentSpanId()).isEqualTo(onSubmit.spanId());
        assertThat(span(spans, "router", "publish sms.out." + link).getSpanId()).isEqualTo(Traceparent.of(out).spanId());
        assertThat(span(spans, "gateway", "process sms.out." + link).getParentSpanId()).isEqualTo(Traceparent.of(out).spanId());
        assertThat(span(spans, "gateway", "publish sms.status").getSpanId()).isEqualTo(Traceparent.of(submitted).spanId());
        assertThat(span(spans, "api", "process sms.status").getParentSpanId()).isEqualTo(Traceparent.of(submitted).spanId());
        // the publish to sms.submit happens inside the REST request's span, the carrier's round trip inside the gateway's
        assertThat(span(spans, "api", "publish sms.submit").getParentSpanId())
                .isEqualTo(span(spans, "api", "http post /v1/messages").getSpanId());
        SpanData roundTrip = span(spans, "gateway", "carrier submit");
        assertThat(roundTrip.getParentSpanId()).isEqualTo(span(spans, "gateway", "process sms.out." + link).getSpanId());
        assertThat(roundTrip.getAttributes().asMap().toString()).contains("Accepted");
        assertThat(span(spans, "router", "process sms.submit").getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span(spans, "router", "publish sms.out." + link).getKind()).isEqualTo(SpanKind.PRODUCER);
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(span -> SpanSink.serviceOf(span) + ": " + span.getName()).toList();
    }

    private static SpanData span(List<SpanData> spans, String service, String name) {
        List<SpanData> found = spans.stream()
                .filter(span -> service.equals(SpanSink.serviceOf(span)) && span.getName().equals(name)).toList();
        assertThat(found).as("%s: %s in %s", service, name, names(spans)).hasSize(1);
        return found.get(0);
    }

    /** A record's W3C {@code traceparent} header: 00-trace id-span id-flags. */
    private record Traceparent(String traceId, String spanId) {
        static Traceparent of(ConsumerRecord<?, ?> record) {
            Header header = record.headers().lastHeader("traceparent");
            assertThat(header).as("traceparent of %s-%d@%d", record.topic(), record.partition(), record.offset()).isNotNull();
            String[] fields = new String(header.value(), StandardCharsets.US_ASCII).split("-");
            assertThat(fields).hasSize(4);
            assertThat(fields[3]).as("sampled").isEqualTo("01");
            return new Traceparent(fields[1], fields[2]);
        }
    }
}
