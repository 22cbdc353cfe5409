package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.retry.Backoff;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against a real broker: commit after work, poison records dead-lettered, transient failures retried, then given up. */
class ReliableConsumerTest {
    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.reliable"), String.class);
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
        publisher.publish(topic, "k", "one").get();
        publisher.publish(topic, "k", "poison").get();
        publisher.publish(topic, "k", "flaky").get();
        publisher.publishBytes(topic.name(), "k", "{not json".getBytes(StandardCharsets.UTF_8)).get();
        publisher.publish(topic, "k", "four").get();

        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger flakyAttempts = new AtomicInteger();
        String group = TestInfra.unique("group");
        ReliableConsumer.Handler<String> handler = record -> {
            if (record.value().equals("poison")) {
                throw new PoisonRecordException("cannot use record");
            }
            if (record.value().equals("flaky") && flakyAttempts.incrementAndGet() < 3) {
                // not poison: a general-purpose exception is taken as transient
                return CompletableFuture.failedFuture(new IllegalArgumentException("downstream unavailable"));
            }
            handled.add(record.value());
            return CompletableFuture.completedFuture(null);
        };
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings(group), handler,
                publisher, meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("flaky")
                    && handled.lastIndexOf("four") > handled.indexOf("flaky"));
        }

        // records after a transient failure are handed over again (at-least-once): the rewind keeps
        // the partition's order, and downstream dedup keys absorb the repeats
        assertThat(handled).containsSubsequence("one", "flaky", "four").doesNotContain("poison");
        assertThat(handled.stream().filter("flaky"::equals)).hasSize(1);
        assertThat(flakyAttempts).hasValue(3);
        assertThat(meters.counter("sms_dead_letters_total", "service", "test", "topic", topic.name()).count()).isEqualTo(2);
        Map<Long, DeadLetter> letters = deadLettersFor(topic.name(), 2);
        assertThat(letters.get(1L)).satisfies(letter -> {
            assertThat(letter.value()).isEqualTo("\"poison\"");
            assertThat(letter.error()).isEqualTo("cannot use record");
        });
        assertThat(letters.get(3L).error()).startsWith("unreadable record on " + topic.name());

        // everything was committed: a new consumer of the same group sees nothing more
        List<String> again = new CopyOnWriteArrayList<>();
        publisher.publish(topic, "k", "five").get();
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings(group), record -> {
            again.add(record.value());
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.contains("five"));
        }
        assertThat(again).containsExactly("five");
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAfterItsAttemptsAndThePartitionGoesOn() throws Exception {
        publisher.publish(topic, "k", "stuck").get();
        publisher.publish(topic, "k", "next").get();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        ConsumerSettings settings = settings(TestInfra.unique("group"))
                .withRetries(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), 4, Duration.ofMinutes(5));
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings, record -> {
            if (record.value().equals("stuck")) {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("always down"));
            }
            handled.add(record.value());
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).start()) {
            // records of one poll are handed over together: "next" is seen at once, committed only after "stuck"
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter("sms_consumer_gave_up_total", "service", "test",
                    "topic", topic.name()).count() == 1 && consumer.status().lag() == 0);
        }
        assertThat(attempts).hasValue(4);
        assertThat(handled).contains("next");
        assertThat(meters.counter("sms_consumer_gave_up_total", "service", "test", "topic", topic.name()).count())
                .isEqualTo(1);
        assertThat(deadLettersFor(topic.name(), 1).get(0L).error())
                .startsWith("gave up after 4 attempts").contains("always down");
    }

    @Test
    void theServiceClassifiesItsOwnPoisonAndAHandlerThatNeverFinishesIsRetried() throws Exception {
        publisher.publish(topic, "k", "constraint").get();
        publisher.publish(topic, "k", "hangs").get();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger hangs = new AtomicInteger();
        ConsumerSettings settings = settings(TestInfra.unique("group"))
                .withHandlerTimeout(Duration.ofMillis(300), Duration.ofSeconds(40));
        try (ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings, record -> {
            if (record.value().equals("constraint")) {
                return CompletableFuture.failedFuture(new SQLException("duplicate key", "23505"));
            }
            if (hangs.incrementAndGet() == 1) {
                return new CompletableFuture<>(); // never completes
            }
            handled.add(record.value());
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).poisonWhen(e -> e instanceof SQLException sql && sql.getSQLState().startsWith("23")).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("hangs"));
        }
        assertThat(hangs).hasValue(2);
        assertThat(deadLettersFor(topic.name(), 1).get(0L).error()).isEqualTo("duplicate key");
    }

    private ConsumerSettings settings(String group) {
        return ConsumerSettings.of(bootstrap, group, "test", 100);
    }

    /** The dead letters of a source topic by their offset there, once {@code count} have arrived. */
    private Map<Long, DeadLetter> deadLettersFor(String sourceTopic, int count) {
        Map<Long, DeadLetter> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.manualCommitConsumer(bootstrap,
                TestInfra.unique("dead-reader"), "test", 100)) {
            consumer.subscribe(List.of(Topics.DEAD.name()));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (found.size() < count && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    DeadLetter letter = Topics.DEAD.decode(r.value());
                    if (letter.topic().equals(sourceTopic)) {
                        found.put(letter.offset(), letter);
                    }
                });
            }
        }
        assertThat(found).hasSize(count);
        return found;
    }
}
