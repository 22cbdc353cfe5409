package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that is not due pauses only its own partition, without a sleeping thread: the other
 * partition keeps flowing, and the waiting record and those behind it come in order once due.
 */
class ReliableConsumerDeferralTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.deferral"), String.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Publisher publisher;
    private KafkaProducerAccess producer;

    @BeforeEach
    void setUp() {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 2), TopicSpec.of(Topics.DEAD, 1)));
        producer = new KafkaProducerAccess(bootstrap);
        publisher = new Publisher(producer.producer);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void aRecordThatIsNotDueHoldsOnlyItsPartitionUntilItIsDue() throws Exception {
        // far enough ahead that a slow consumer start (group join on a loaded machine) still sees it not due
        Instant due = Instant.now().plusSeconds(10);
        send(0, "wait-" + due.toEpochMilli());
        send(0, "after-wait");
        for (int i = 0; i < 5; i++) {
            send(1, "free-" + i);
        }

        Map<String, Instant> handledAt = new ConcurrentHashMap<>();
        List<String> order = new CopyOnWriteArrayList<>();
        ReliableConsumer.Handler<String> handler = record -> {
            String value = record.value();
            if (value.startsWith("wait-")) {
                Instant notBefore = Instant.ofEpochMilli(Long.parseLong(value.substring(5)));
                if (Instant.now().isBefore(notBefore)) {
                    throw new NotDueException(notBefore);
                }
            }
            handledAt.putIfAbsent(value, Instant.now());
            order.add(value);
            return CompletableFuture.completedFuture(null);
        };
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings(), handler, publisher,
                meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handledAt.containsKey("free-4"));
            assertThat(handledAt).doesNotContainKey("wait-" + due.toEpochMilli());
            assertThat(handledAt.get("free-4")).isBefore(due);

            await().atMost(Duration.ofSeconds(30)).until(() -> order.lastIndexOf("after-wait") > order.indexOf("wait-" + due.toEpochMilli())
                    && order.contains("wait-" + due.toEpochMilli()));
        }
        assertThat(handledAt.get("wait-" + due.toEpochMilli())).isAfterOrEqualTo(due);
        // a record behind the waiting one was handed over with it (it was due) and is handed over again
        // after the pause: at-least-once, in partition order, absorbed by dedup keys downstream
        assertThat(order.subList(order.indexOf("wait-" + due.toEpochMilli()), order.size())).contains("after-wait");
        assertThat(meters.counter("sms_consumed_records_total", "service", "test", "topic", topic.name(), "outcome", "deferred")
                .count()).isPositive();
    }

    @Test
    void resumeAllEndsAPauseEarly() throws Exception {
        Instant farAway = Instant.now().plus(Duration.ofHours(1));
        send(0, "gate");
        List<String> handled = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger deferrals = new java.util.concurrent.atomic.AtomicInteger();
        ReliableConsumer.Handler<String> handler = record -> {
            if (!open.get()) {
                deferrals.incrementAndGet();
                throw new NotDueException(farAway);
            }
            handled.add(record.value());
            return CompletableFuture.completedFuture(null);
        };
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings(), handler, publisher,
                meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deferrals.get() > 0 && consumer.pausedPartitions() == 1);
            Thread.sleep(500);
            assertThat(deferrals).as("paused, not polled again and again").hasValue(1);
            open.set(true);
            consumer.resumeAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("gate"));
        }
    }

    private void send(int partition, String value) throws Exception {
        producer.producer.send(new ProducerRecord<>(topic.name(), partition, "k", topic.encode(value))).get();
    }

    private ConsumerSettings settings() {
        return ConsumerSettings.of(bootstrap, TestInfra.unique("group"), "test", 100);
    }

    private static final class KafkaProducerAccess {
        final org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

        KafkaProducerAccess(String bootstrap) {
            producer = KafkaClients.reliableProducer(bootstrap, "deferral-test");
        }
    }
}
