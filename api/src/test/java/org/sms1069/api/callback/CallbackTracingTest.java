package org.sms1069.api.callback;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.TestApps;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.SpanSink;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A status change's callback continues the message's trace: the outbox row keeps the trace of the sms.status record
 * that queued it, the POST to the app is a span of that trace (child of the api's handling of the record), and the
 * kept trace never reaches the app.
 */
class CallbackTracingTest {
    private static final String SIGNATURE = "示例科技";
    private static final SpanSink SPANS = new SpanSink();
    private static RunningApi api;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        api = RunningApi.startWith(context -> context.registerBean("spanSink", SpanExporter.class, () -> SPANS),
                "management.tracing.sampling.probability=1.0", "management.tracing.opentelemetry.export.schedule-delay=100ms",
                "sms.callbacks.poll-interval=100ms", "sms.callbacks.allow-http=true",
                "sms.callbacks.allowed-networks=127.0.0.1/32");
        producer = KafkaClients.reliableProducer(TestKafka.bootstrapServers(), TestInfra.unique("callback-trace"));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theCallbackOfAStatusChangeIsASpanOfTheMessagesTrace() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(0)) {
            RunningApi.TestApp app = TestApps.onboard(api, "Traced callbacks", "46", SIGNATURE,
                    Map.of("textAllowed", true, "callbackUrl", receiver.url()));
            String phone = Phones.unique("138");
            String messageId = TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(phone),
                            "text", "【" + SIGNATURE + "】您的订单已发货。", "type", "NOTIFICATION"))
                    .expect(202).body().get("messages").get(0).get("messageId").asText();
            Header traceparent = TopicReader.first(Topics.SUBMIT, m -> m.messageId().equals(messageId))
                    .headers().lastHeader("traceparent");
            String trace = new String(traceparent.value(), StandardCharsets.US_ASCII).split("-")[1];

            // the gateway's status record carries the message's trace on (here: the api's own span as its parent)
            StatusEvent delivered = new StatusEvent(StatusEvent.VERSION, messageId, phone, 1, 1, MessageStatus.DELIVERED,
                    Carrier.CMCC, "cmcc-1", "0123456789", "DELIVRD", null, Instant.now());
            producer.send(new ProducerRecord<>(Topics.STATUS.name(), null, messageId, Topics.STATUS.encode(delivered),
                    List.of(new RecordHeader("traceparent", traceparent.value())))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().get(0).body()).contains(messageId).doesNotContain("traceparent");

            await().atMost(Duration.ofSeconds(10)).until(() -> named(trace, "callback") != null);
            SpanData handled = named(trace, "process " + Topics.STATUS.name());
            assertThat(handled).as("the api's handling of the status record").isNotNull();
            assertThat(named(trace, "callback").getParentSpanId()).isEqualTo(handled.getSpanId());
        }
    }

    private static SpanData named(String trace, String name) {
        return SPANS.ofTrace(trace).stream().filter(span -> span.getName().equals(name)).findFirst().orElse(null);
    }
}
