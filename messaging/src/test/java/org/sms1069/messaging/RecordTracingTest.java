package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.SpanSink;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TestTracing;
import org.sms1069.testkit.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against a real broker, with OpenTelemetry behind Micrometer Tracing as the services have it. */
class RecordTracingTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> first = Topic.of(TestInfra.unique("test.trace.first"), String.class);
    private final Topic<String> second = Topic.of(TestInfra.unique("test.trace.second"), String.class);
    private SpanSink spans;
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    private Tracer tracer;
    private RecordTracing tracing;
    private Publisher publisher;

    @BeforeEach
    void setUp() {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(first, 1), TopicSpec.of(second, 1),
                TopicSpec.of(Topics.DEAD, 1)));
        TestTracing test = TestTracing.start();
        spans = test.spans();
        tracer = test.tracer();
        tracing = RecordTracing.of(tracer, test.propagator());
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"), tracing);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        elsewhere.shutdownNow();
    }

    @Test
    void aRecordCarriesItsTraceIntoTheConsumersSpanAndOnAcrossAThreadHopToTheNextTopic() throws Exception {
        Span root = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(root)) {
            publisher.publish(first, "k", "hello").get();
        }
        root.end();
        String trace = root.context().traceId();
        AtomicReference<String> loggedTrace = new AtomicReference<>();
        ReliableConsumer.Handler<String> handler = record -> {
            loggedTrace.set(MDC.get("traceId"));
            // the stage continues on another thread, where the record's trace is made current again
            return CompletableFuture.supplyAsync(() -> record.value() + " again", elsewhere)
                    .thenComposeAsync(value -> publisher.publish(second, "k", value), record.trace());
        };
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, TestInfra.unique("group"), "test", 10);
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", first, settings, handler, publisher,
                new SimpleMeterRegistry()).tracedBy(tracing).start()) {
            ConsumerRecord<String, String> onFirst = TopicReader.first(first, "hello"::equals);
            ConsumerRecord<String, String> onSecond = TopicReader.first(second, "hello again"::equals);
            await().atMost(Duration.ofSeconds(10)).until(() -> named("process " + first.name()) != null);

            assertThat(traceId(onFirst)).isEqualTo(trace);
            assertThat(traceId(onSecond)).isEqualTo(trace);
            SpanData published = named("publish " + first.name());
            SpanData handled = named("process " + first.name());
            assertThat(published.getParentSpanId()).isEqualTo(root.context().spanId());
            assertThat(spanId(onFirst)).isEqualTo(published.getSpanId());
            assertThat(handled.getParentSpanId()).isEqualTo(published.getSpanId());
            assertThat(named("publish " + second.name()).getParentSpanId()).isEqualTo(handled.getSpanId());
            assertThat(spanId(onSecond)).isEqualTo(named("publish " + second.name()).getSpanId());
            assertThat(loggedTrace.get()).as("the handler's log context").isEqualTo(trace);
        }
    }

    @Test
    void aRecordJoiningSeveralMessagesContinuesTheFirstTraceAndLinksTheOthers() throws Exception {
        Span one = tracer.nextSpan().name("one").start();
        Span two = tracer.nextSpan().name("two").start();
        RecordTrace traceOne;
        RecordTrace traceTwo;
        try (Tracer.SpanInScope scope = tracer.withSpan(one)) {
            traceOne = publisher.currentTrace();
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(two)) {
            traceTwo = publisher.currentTrace();
        }
        // published from a thread where neither trace is current, as a batch flushed by a timer is
        publisher.publishJoined(first, "k", "joined", List.of(traceOne, traceTwo)).get();

        ConsumerRecord<String, String> record = TopicReader.first(first, "joined"::equals);
        assertThat(traceId(record)).isEqualTo(one.context().traceId());
        SpanData published = named("publish " + first.name());
        assertThat(published.getParentSpanId()).isEqualTo(one.context().spanId());
        assertThat(published.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(two.context().traceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(two.context().spanId());
        });
    }

    @Test
    void aTraceKeptAsTraceparentIsResumedAsTheSameTrace() {
        Span span = tracer.nextSpan().name("kept").start();
        RecordTrace kept;
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            kept = tracing.current();
        }
        RecordTrace resumed = tracing.resume(kept.traceparent());
        assertThat(resumed.traceparent()).isEqualTo(kept.traceparent())
                .isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
        assertThat(tracing.resume("00-not-a-trace").traceId()).isNull();
        assertThat(tracing.resume(null).traceId()).isNull();
    }

    @Test
    void withTracingOffARecordCarriesNoHeader() throws Exception {
        Span root = tracer.nextSpan().name("request").start();
        try (Publisher untraced = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"));
             Tracer.SpanInScope scope = tracer.withSpan(root)) {
            untraced.publish(first, "k", "untraced").get();
        }
        ConsumerRecord<String, String> record = TopicReader.first(first, "untraced"::equals);
        assertThat(record.headers().lastHeader("traceparent")).isNull();
    }

    private SpanData named(String name) {
        return spans.spans().stream().filter(span -> span.getName().equals(name)).findFirst().orElse(null);
    }

    private static String traceId(ConsumerRecord<?, ?> record) {
        return traceparent(record)[1];
    }

    private static String spanId(ConsumerRecord<?, ?> record) {
        return traceparent(record)[2];
    }

    private static String[] traceparent(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent of %s@%d", record.topic(), record.offset()).isNotNull();
        return new String(header.value(), StandardCharsets.US_ASCII).split("-");
    }
}
