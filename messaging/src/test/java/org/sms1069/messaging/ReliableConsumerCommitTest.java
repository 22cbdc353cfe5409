package org.sms1069.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offsets are committed at most every {@code commitInterval}, not after every poll, and what is finished is committed
 * when the consumer closes; against a real broker, counting the commits a real client sends.
 */
class ReliableConsumerCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RECORDS = 60;

    private final String bootstrap = TestKafka.bootstrapServers();
    private final Topic<String> topic = Topic.of(TestInfra.unique("test.commit"), String.class);
    private final String group = TestInfra.unique("group");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger commits = new AtomicInteger();
    private Publisher publisher;
    private Admin admin;

    @BeforeEach
    void setUp() throws Exception {
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "test"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        for (int i = 0; i < RECORDS; i++) {
            publisher.publish(topic, "k", "record-" + i).get();
        }
    }

    @AfterEach
    void tearDown() {
        admin.close();
        publisher.close();
    }

    @Test
    void aConsumerPollingOneRecordAtATimeCommitsAtMostOncePerInterval() {
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, group, "test", 1)
                .withCommitInterval(Duration.ofSeconds(1));
        AtomicInteger handled = new AtomicInteger();
        long started = System.nanoTime();
        try (ReliableConsumer<String> consumer = consumer(settings, handled)) {
            await().atMost(WAIT).until(() -> committed() == RECORDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(handled.get()).isEqualTo(RECORDS);
            // one poll per record (max.poll.records 1): a commit per poll would be 60
            assertThat(commits.get()).isLessThanOrEqualTo((int) seconds + 2).isLessThan(RECORDS / 2);
        }
    }

    @Test
    void whatIsFinishedIsCommittedWhenTheConsumerCloses() throws Exception {
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, group, "test", 100)
                .withCommitInterval(Duration.ofSeconds(100));
        AtomicInteger handled = new AtomicInteger();
        ReliableConsumer<String> consumer = consumer(settings, handled);
        await().atMost(WAIT).until(() -> handled.get() == RECORDS);
        consumer.close();

        assertThat(committed()).isEqualTo(RECORDS);
    }

    @Test
    void closingWhileARecordIsHandledEndsTheConsumerAndCommitsWhatFinished() throws Exception {
        ConsumerSettings settings = ConsumerSettings.of(bootstrap, group, "test", 100)
                .withCommitInterval(Duration.ofSeconds(100));
        int last = RECORDS + 5;
        CompletableFuture<Void> lastDone = new CompletableFuture<>();
        AtomicInteger handled = new AtomicInteger();
        ReliableConsumer<String> consumer = new ReliableConsumer<>("test", topic, settings, record -> {
            return handled.incrementAndGet() == last ? lastDone : CompletableFuture.completedFuture(null);
        }, publisher, meters, () -> new CountingCommits(settings)).start();
        // the first records are committed at once (no commit yet); the next commit would be 100 s later
        await().atMost(WAIT).until(() -> committed() == RECORDS);
        for (int i = RECORDS; i < last; i++) {
            publisher.publish(topic, "k", "record-" + i).get();
        }
        await().atMost(WAIT).until(() -> handled.get() == last);

        // close() wakes the client up while the loop waits for a handler, not for Kafka: the wake-up is still pending
        // when the loop ends and the client commits what finished
        CompletableFuture<Void> closed = CompletableFuture.runAsync(consumer::close);
        Thread.sleep(200);
        lastDone.complete(null);

        closed.get(20, TimeUnit.SECONDS);
        assertThat(committed()).isEqualTo(last);
    }

    private ReliableConsumer<String> consumer(ConsumerSettings settings, AtomicInteger handled) {
        return new ReliableConsumer<>("test", topic, settings, record -> {
            handled.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, publisher, meters, () -> new CountingCommits(settings)).start();
    }

    private long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata offset = offsets.get(new TopicPartition(topic.name(), 0));
        return offset == null ? 0 : offset.offset();
    }

    /** The platform's consumer, counting the commits it sends. */
    private final class CountingCommits extends KafkaConsumer<String, byte[]> {
        CountingCommits(ConsumerSettings settings) {
            super(KafkaClients.consumerConfig(settings), new StringDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits.incrementAndGet();
            super.commitSync(offsets);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            commits.incrementAndGet();
            super.commitSync(offsets, timeout);
        }
    }
}
