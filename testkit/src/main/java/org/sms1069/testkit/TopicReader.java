package org.sms1069.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic from the beginning with a fresh group: what a test looks for, bounded in time. */
public final class TopicReader {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    /** Reads the topic until {@code count} records match, or 30 s pass. */
    public static <T> List<ConsumerRecord<String, T>> await(Topic<T> topic, Predicate<T> match, int count) {
        return read(topic, WAIT, match, found -> found.size() >= count);
    }

    /** The first record that matches within 30 s. */
    public static <T> ConsumerRecord<String, T> first(Topic<T> topic, Predicate<T> match) {
        List<ConsumerRecord<String, T>> found = await(topic, match, 1);
        if (found.isEmpty()) {
            throw new AssertionError("no matching record on " + topic + " within " + WAIT);
        }
        return found.get(0);
    }

    /** Everything that matches within {@code window}: for asserting that something did not happen. */
    public static <T> List<ConsumerRecord<String, T>> readAll(Topic<T> topic, Duration window, Predicate<T> match) {
        return read(topic, window, match, found -> false);
    }

    public static <T> List<ConsumerRecord<String, T>> read(Topic<T> topic, Duration window, Predicate<T> match,
                                                    Predicate<List<?>> enough) {
        List<ConsumerRecord<String, T>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.unique("test-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + window.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    T value = parse(record.value(), topic);
                    if (value != null && match.test(value)) {
                        found.add(typed(record, value));
                    }
                }
            }
        }
        return found;
    }

    private static <T> T parse(byte[] json, Topic<T> topic) {
        try {
            return topic.decode(json);
        } catch (PoisonRecordException e) {
            return null;
        }
    }

    private static <T> ConsumerRecord<String, T> typed(ConsumerRecord<String, byte[]> record, T value) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), value,
                record.headers(), record.leaderEpoch());
    }
}
