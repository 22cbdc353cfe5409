package org.sms1069.router.link;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.json.SmsJson;
import org.sms1069.model.link.LinkOptions;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.TestTracing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboundBatcherTest {
    private static final LinkSettings CMPP = link("cmcc-1", Protocol.CMPP30);
    private static final LinkSettings SMPP = link("intl-1", Protocol.SMPP34);
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE), List.of(
            new PartitionInfo(Topics.outbound(CMPP.id()).name(), 0, NODE, null, null),
            new PartitionInfo(Topics.outbound(SMPP.id()).name(), 0, NODE, null, null)), Set.of(), Set.of());

    private final MockProducer<String, byte[]> producer = new MockProducer<>(CLUSTER, true, new SinglePartition(),
            new StringSerializer(), new ByteArraySerializer());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void identicalShortMessagesShareOneSubmitAndEachIsAcknowledged() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofMillis(20), 100, timer);

        List<CompletableFuture<?>> acks = IntStream.range(0, 5)
                .<CompletableFuture<?>>mapToObj(i -> batcher.send(CMPP, part("m" + i, "1380000000" + i, "【示例】同一条通知"), "1380000000" + i)).toList();

        await().atMost(Duration.ofSeconds(5)).until(() -> acks.stream().allMatch(CompletableFuture::isDone));
        acks.forEach(CompletableFuture::join);
        assertThat(sent()).singleElement().satisfies(part -> {
            assertThat(part.recipients()).extracting(Recipient::messageId).containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(part.dedupKey()).startsWith("b-").endsWith(":1:1");
        });
        assertThat(producer.history().get(0).key()).isEqualTo("13800000000");
    }

    @Test
    void aFullGroupGoesAtOnceAndTheRestFollows() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofSeconds(30), 3, timer);

        IntStream.range(0, 4).forEach(i -> batcher.send(CMPP, part("m" + i, "1390000000" + i, "same"), "1390000000" + i));

        assertThat(sent()).singleElement().satisfies(part -> assertThat(part.recipients()).hasSize(3));
        batcher.close();
        assertThat(sent()).hasSize(2);
    }

    @Test
    void aCmppGroupStopsAt99RecipientsWhateverTheRoutersBatchSize() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofSeconds(30), 100, timer);

        IntStream.range(0, 100).forEach(i -> batcher.send(CMPP, part("m" + i, String.valueOf(13900000000L + i), "same"),
                String.valueOf(13900000000L + i)));

        assertThat(sent()).singleElement().satisfies(part -> assertThat(part.recipients()).hasSize(99));
        batcher.close();
        assertThat(sent()).extracting(part -> part.recipients().size()).containsExactly(99, 1);
    }

    @Test
    void aLinksOwnCapBoundsItsGroups() {
        LinkSettings capped = new LinkSettings("cmcc-1", Carrier.CMCC, Protocol.CMPP30, "127.0.0.1", 7890, "acct", null,
                null, "10690123456", 1, 16, 100, 100, 0, 0, null, null, new LinkOptions(2, null, null, null, null));
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofSeconds(30), 100, timer);

        IntStream.range(0, 5).forEach(i -> batcher.send(capped, part("m" + i, "1390000000" + i, "same"), "1390000000" + i));
        batcher.close();

        assertThat(sent()).extracting(part -> part.recipients().size()).containsExactly(2, 2, 1);
    }

    @Test
    void aPhonesSecondMessageFlushesTheFirstSoItsOrderIsKept() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofSeconds(30), 100, timer);

        batcher.send(CMPP, part("first", "13800000001", "text A"), "13800000001");
        batcher.send(CMPP, part("other", "13800000002", "text B"), "13800000002");
        batcher.send(CMPP, part("second", "13800000001", "text B"), "13800000001");
        batcher.close();

        assertThat(sent()).extracting(p -> p.recipients().stream().map(Recipient::messageId).toList())
                .containsExactly(List.of("first"), List.of("other"), List.of("second"));
    }

    @Test
    void differentContentOrSmppOrNoWindowIsNotBatched() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofMillis(20), 100, timer);
        OutboundBatcher off = new OutboundBatcher(new Publisher(producer), Duration.ZERO, 100, timer);

        batcher.send(SMPP, part("s1", "+447700900001", "same"), "+447700900001");
        batcher.send(SMPP, part("s2", "+447700900002", "same"), "+447700900002");
        off.send(CMPP, part("o1", "13800000011", "same"), "13800000011");
        off.send(CMPP, part("o2", "13800000012", "same"), "13800000012");
        batcher.send(CMPP, part("d1", "13800000021", "one"), "13800000021");
        batcher.send(CMPP, part("d2", "13800000022", "two"), "13800000022");
        batcher.close();

        assertThat(sent()).hasSize(6).allSatisfy(part -> assertThat(part.recipients()).hasSize(1));
    }

    @Test
    void repliesCarryingACarrierLinkIdAreSubmittedAloneWithIt() {
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer), Duration.ofSeconds(30), 100, timer);

        batcher.send(CMPP, part("r1", "13800000031", "收到").withCarrierLinkId("LINK-A"), "13800000031");
        batcher.send(CMPP, part("r2", "13800000032", "收到").withCarrierLinkId("LINK-B"), "13800000032");
        batcher.send(CMPP, part("n1", "13800000033", "收到"), "13800000033");
        batcher.close();

        assertThat(sent()).extracting(p -> p.recipients().get(0).messageId() + "=" + p.carrierLinkId())
                .containsExactly("r1=LINK-A", "r2=LINK-B", "n1=null");
    }

    @Test
    void aGroupContinuesItsFirstMembersTraceAndLinksTheOthers() {
        TestTracing tracing = TestTracing.start();
        OutboundBatcher batcher = new OutboundBatcher(new Publisher(producer, RecordTracing.of(tracing.tracer(),
                tracing.propagator())), Duration.ofSeconds(30), 100, timer);
        List<Span> handlings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // each part is handed over while its own message's record is handled
            Span handling = tracing.tracer().nextSpan().name("process sms.submit").start();
            try (Tracer.SpanInScope scope = tracing.tracer().withSpan(handling)) {
                batcher.send(CMPP, part("m" + i, "1380000001" + i, "same"), "1380000001" + i);
            }
            handlings.add(handling);
        }
        batcher.close();

        assertThat(sent()).singleElement().satisfies(part -> assertThat(part.recipients()).hasSize(3));
        String traceparent = new String(producer.history().get(0).headers().lastHeader("traceparent").value(),
                StandardCharsets.US_ASCII);
        assertThat(traceparent).startsWith("00-" + handlings.get(0).context().traceId() + "-");
        SpanData published = tracing.spans().spans().stream()
                .filter(span -> span.getName().equals("publish " + Topics.outbound(CMPP.id()).name())).findFirst().orElseThrow();
        assertThat(published.getParentSpanId()).isEqualTo(handlings.get(0).context().spanId());
        assertThat(published.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .containsExactly(handlings.get(1).context().spanId(), handlings.get(2).context().spanId());
    }

    private List<OutboundSubmit> sent() {
        List<OutboundSubmit> out = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            out.add(SmsJson.read(record.value(), OutboundSubmit.class));
        }
        return out;
    }

    private static OutboundSubmit part(String messageId, String phone, String text) {
        return new OutboundSubmit(OutboundSubmit.VERSION, messageId + ":1:1", CMPP.id(), Carrier.CMCC,
                List.of(new Recipient(messageId, phone)), "10690123456", 1, 1, 7, text, 1,
                Instant.parse("2030-01-01T00:00:00Z"), null);
    }

    /** The test topics have one partition. */
    public static final class SinglePartition implements org.apache.kafka.clients.producer.Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return 0;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(java.util.Map<String, ?> configs) {
        }
    }

    private static LinkSettings link(String id, Protocol protocol) {
        return new LinkSettings(id, Carrier.CMCC, protocol, "127.0.0.1", 7890, "acct", null, null, "10690123456",
                1, 16, 100, 100, 0, 0, null, null, null);
    }
}
