package org.sms1069.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a compacted topic whole, from the beginning, on a thread of its own: all partitions, without a consumer group
 * (every instance needs all of it, and there is nothing to commit), so that a service can keep the latest value per
 * key. Each record goes to the listener in order: its key and value, or null for a tombstone. A record without a key,
 * or one that does not decode, is skipped with a warning. When Kafka fails (broker gone or paused) the reader keeps
 * what it has and reads the topic again a second later; {@link #start} waits, bounded, until the records written
 * before it have been read. The records of {@link ReliableConsumer}'s topics are work; these are state.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {
    /** What to do with one record of the topic; called on the reader's thread. */
    @FunctionalInterface
    public interface Listener<V> {
        /** {@code value} null: the key was deleted. */
        void read(String key, V value);
    }

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topic<V> topic;
    private final Listener<V> listener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;

    public CompactedTopicReader(KafkaSettings kafka, Topic<V> topic, String clientId, Listener<V> listener) {
        this.topic = topic;
        this.listener = listener;
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, clientId);
    }

    /** Starts reading; true when what was written before has been read within {@code catchUp}. */
    public boolean start(Duration catchUp) {
        thread.start();
        try {
            return caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    read();
                } catch (WakeupException e) {
                    // close() wakes the reader up; the loop ends since running is false
                } catch (RuntimeException e) {
                    log.warn("reader of {} failed, reading again in {}: {}", topic.name(), RETRY, e.toString());
                    sleep();
                }
            }
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void read() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                hand(record);
            }
            if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                caughtUp.countDown();
            }
        }
    }

    private void hand(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        V value;
        try {
            value = record.value() == null ? null : topic.decode(record.value());
        } catch (PoisonRecordException e) {
            log.warn("ignoring an unreadable record of {} for {}: {}", topic.name(), record.key(), e.getMessage());
            return;
        }
        listener.read(record.key(), value);
    }

    private void sleep() {
        try {
            stopping.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
