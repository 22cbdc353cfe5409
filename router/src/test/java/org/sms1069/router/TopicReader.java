package org.sms1069.router;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.model.json.SmsJson;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a topic from the beginning with a fresh group: what a test looks for, bounded in time. */
final class TopicReader {
    static final Duration WAIT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    /** Reads the topic until {@code count} records match, or 30 s pass. */
    static <T> List<ConsumerRecord<String, T>> await(String topic, Class<T> type, Predicate<T> match, int count) {
        return read(topic, WAIT, type, match, found -> found.size() >= count);
    }

    /** Everything that matches within {@code window}: for asserting that something did not happen. */
    static <T> List<ConsumerRecord<String, T>> readAll(String topic, Duration window, Class<T> type, Predicate<T> match) {
        return read(topic, window, type, match, found -> false);
    }

    static <T> List<ConsumerRecord<String, T>> read(String topic, Duration window, Class<T> type, Predicate<T> match,
                                                    Predicate<List<?>> enough) {
        List<ConsumerRecord<String, T>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.manualCommitConsumer(TestKafka.bootstrapServers(),
                TestInfra.unique("router-test-reader"), "router-test-reader", 500)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + window.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    T value = parse(record.value(), type);
                    if (value != null && match.test(value)) {
                        found.add(typed(record, value));
                    }
                }
            }
        }
        return found;
    }

    private static <T> T parse(byte[] json, Class<T> type) {
        try {
            return SmsJson.read(json, type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> ConsumerRecord<String, T> typed(ConsumerRecord<String, byte[]> record, T value) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), value,
                record.headers(), record.leaderEpoch());
    }
}
