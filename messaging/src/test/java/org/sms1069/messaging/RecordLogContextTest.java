package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While a record is handled, the logging context names its topic, partition, offset and message, never the phone. */
class RecordLogContextTest {

    @Test
    void theHandlerLogsWithTheRecordsAndTheMessagesIds() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topic<StatusEvent> topic = Topic.of(TestInfra.unique("test.mdc"), StatusEvent.class);
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        ReliableConsumer.Handler<StatusEvent> handler = record -> {
            seen.set(MDC.getCopyOfContextMap());
            return CompletableFuture.completedFuture(null);
        };
        try (Publisher publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"))) {
            publisher.publish(topic, "M1", new StatusEvent(StatusEvent.VERSION, "M1", "13800138000", 1, 1,
                    MessageStatus.DELIVERED, Carrier.CMCC, "cmcc-1", "c1", "DELIVRD", null, Instant.now())).get();
            ConsumerSettings settings = ConsumerSettings.of(bootstrap, TestInfra.unique("group"), "test", 10);
            try (ReliableConsumer<StatusEvent> consumer = new ReliableConsumer<>("test", topic, settings, handler,
                    publisher, new SimpleMeterRegistry()).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.get() != null);
            }
        }
        assertThat(seen.get()).containsEntry("topic", topic.name()).containsEntry("partition", "0")
                .containsEntry("offset", "0").containsEntry("messageId", "M1").containsEntry("linkId", "cmcc-1")
                .doesNotContainValue("13800138000");
    }
}
