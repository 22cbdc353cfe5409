package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
import org.sms1069.testkit.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Batch mode against a real broker: one call per poll, commit after it, one at a time when a batch fails. */
class ReliableConsumerBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.batch"), String.class);
    private final String group = TestInfra.unique("group");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Publisher publisher;
    private Admin admin;

    @BeforeEach
    void setUp() {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterEach
    void tearDown() {
        admin.close();
        publisher.close();
    }

    @Test
    void theRecordsOfAPollAreHandledInOneCallAndCommittedOnlyOnceItIsDone() throws Exception {
        publish("one", "two", "three");
        publisher.publishBytes(topic.name(), "k", "{not json".getBytes(StandardCharsets.UTF_8)).get();
        publish("four");

        List<List<String>> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> durable = new CompletableFuture<>();
        try (ReliableConsumer<String> consumer = ReliableConsumer.batched("test", topic, settings(), records -> {
            calls.add(records.stream().map(Received::value).toList());
            return durable;
        }, publisher, meters).start()) {
            await().atMost(WAIT).until(() -> !calls.isEmpty());
            // the work is not durable yet: nothing may be committed, however long we look
            Thread.sleep(500);
            assertThat(committed()).isZero();

            durable.complete(null);
            await().atMost(WAIT).until(() -> committed() == 5);
        }
        // the unreadable record is set aside without failing the batch: one call with the four others, in order
        assertThat(calls).containsExactly(List.of("one", "two", "three", "four"));
        assertThat(fallbacks()).isZero();
        assertThat(deadLetter(3).error()).startsWith("unreadable record on " + topic.name());
    }

    @Test
    void aFailedBatchIsHandledOneAtATimeSoThatOnlyThePoisonRecordIsDeadLettered() throws Exception {
        publish("a", "b", "poison", "c");

        List<String> applied = new CopyOnWriteArrayList<>();
        List<Integer> callSizes = new CopyOnWriteArrayList<>();
        try (ReliableConsumer<String> consumer = ReliableConsumer.batched("test", topic, settings(), records -> {
            callSizes.add(records.size());
            // like one SQL statement for all: one bad row fails the whole batch, nothing of it is applied
            if (records.stream().anyMatch(r -> r.value().equals("poison"))) {
                throw new PoisonRecordException("value too long");
            }
            records.forEach(r -> applied.add(r.value()));
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).start()) {
            await().atMost(WAIT).until(() -> committed() == 4);
        }
        assertThat(callSizes).containsExactly(4, 1, 1, 1, 1);
        assertThat(applied).containsExactly("a", "b", "c");
        assertThat(fallbacks()).isEqualTo(1);
        assertThat(meters.counter("sms_dead_letters_total", "service", "test", "topic", topic.name()).count()).isEqualTo(1);
        assertThat(deadLetter(2)).satisfies(letter -> {
            assertThat(letter.value()).isEqualTo("\"poison\"");
            assertThat(letter.error()).isEqualTo("value too long");
        });
    }

    @Test
    void aTransientFailureOfTheBatchIsRetriedWithBackOffAndNothingIsDeadLettered() throws Exception {
        publish("x", "y");

        AtomicInteger calls = new AtomicInteger();
        List<String> applied = new CopyOnWriteArrayList<>();
        ConsumerSettings settings = settings().withRetries(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 10,
                Duration.ofMinutes(5));
        try (ReliableConsumer<String> consumer = ReliableConsumer.batched("test", topic, settings, records -> {
            // the database is down for the batch and for the first record on its own
            if (calls.incrementAndGet() <= 2) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
            records.forEach(r -> applied.add(r.value()));
            return CompletableFuture.completedFuture(null);
        }, publisher, meters).start()) {
            await().atMost(WAIT).until(() -> committed() == 2);
        }
        // the first record's failure paused the partition; after the back-off the poll's records came again as a batch
        assertThat(applied).containsExactly("x", "y");
        assertThat(calls).hasValue(3);
        assertThat(meters.counter("sms_consumed_records_total", "service", "test", "topic", topic.name(), "outcome", "retry")
                .count()).isEqualTo(1);
        assertThat(meters.counter("sms_dead_letters_total", "service", "test", "topic", topic.name()).count()).isZero();
    }

    @Test
    void batchModeNeedsAPollIntervalForTheBatchAndItsFallback() {
        ConsumerSettings tight = settings().withHandlerTimeout(Duration.ofSeconds(60), Duration.ofSeconds(120));
        assertThatIllegalArgumentException().isThrownBy(() -> ReliableConsumer.batched(
                "test", topic, tight, records -> CompletableFuture.completedFuture(null), publisher, meters))
                .withMessageContaining("twice the handler timeout");
    }

    private ConsumerSettings settings() {
        return ConsumerSettings.of(bootstrap, group, "test", 100);
    }

    private void publish(String... values) throws Exception {
        for (String value : values) {
            publisher.publish(topic, "k", value).get();
        }
    }

    private long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata offset = offsets.get(new TopicPartition(topic.name(), 0));
        return offset == null ? 0 : offset.offset();
    }

    private double fallbacks() {
        return meters.counter("sms_consumer_batch_fallbacks_total", "service", "test", "topic", topic.name()).count();
    }

    private DeadLetter deadLetter(long offset) {
        return TopicReader.first(Topics.DEAD, l -> l.topic().equals(topic.name()) && l.offset() == offset).value();
    }
}
