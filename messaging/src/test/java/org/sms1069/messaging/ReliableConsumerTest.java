package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.json.SmsJson;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against a real broker: commit after work, poison records dead-lettered, transient failures retried. */
class ReliableConsumerTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final String topic = TestInfra.unique("test.reliable");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Publisher publisher;

    @BeforeEach
    void setUp() {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"));
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void poisonRecordIsDeadLetteredAndTransientFailureIsRetriedInOrder() throws Exception {
        publisher.publishBytes(topic, "k", bytes("one")).get();
        publisher.publishBytes(topic, "k", bytes("poison")).get();
        publisher.publishBytes(topic, "k", bytes("flaky")).get();
        publisher.publishBytes(topic, "k", bytes("four")).get();

        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger flakyAttempts = new AtomicInteger();
        String group = TestInfra.unique("group");
        ReliableConsumer.Handler handler = record -> {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.equals("poison")) {
                throw new IllegalArgumentException("cannot parse record");
            }
            if (value.equals("flaky") && flakyAttempts.incrementAndGet() < 3) {
                return CompletableFuture.failedFuture(new IllegalStateException("downstream unavailable"));
            }
            handled.add(value);
            return CompletableFuture.completedFuture(null);
        };
        try (ReliableConsumer consumer = new ReliableConsumer("test", consumer(group), List.of(topic), handler,
                publisher, meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("flaky")
                    && handled.lastIndexOf("four") > handled.indexOf("flaky"));
        }

        // records after a transient failure are handed over again (at-least-once): the rewind keeps
        // the partition's order, and downstream dedup keys absorb the repeats
        assertThat(handled).containsSubsequence("one", "flaky", "four").doesNotContain("poison");
        assertThat(handled.stream().filter("flaky"::equals)).hasSize(1);
        assertThat(flakyAttempts).hasValue(3);
        assertThat(meters.counter("sms_dead_letters_total", "service", "test", "topic", topic).count()).isEqualTo(1);
        assertThat(deadLettersFor(topic)).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo("poison");
            assertThat(letter.error()).isEqualTo("cannot parse record");
            assertThat(letter.offset()).isEqualTo(1);
        });

        // everything was committed: a new consumer of the same group sees nothing more
        List<String> again = new CopyOnWriteArrayList<>();
        publisher.publishBytes(topic, "k", bytes("five")).get();
        try (ReliableConsumer consumer = new ReliableConsumer("test", consumer(group), List.of(topic), record -> {
            again.add(new String(record.value(), StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.contains("five"));
        }
        assertThat(again).containsExactly("five");
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        return KafkaClients.manualCommitConsumer(bootstrap, group, "test", 100);
    }

    private List<DeadLetter> deadLettersFor(String sourceTopic) {
        Map<Long, DeadLetter> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(TestInfra.unique("dead-reader"))) {
            consumer.subscribe(List.of(Topics.DEAD));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (found.isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    DeadLetter letter = SmsJson.read(r.value(), DeadLetter.class);
                    if (letter.topic().equals(sourceTopic)) {
                        found.put(letter.offset(), letter);
                    }
                });
            }
        }
        return List.copyOf(found.values());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
