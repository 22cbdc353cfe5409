package org.sms1069.api.deadletters;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.model.Topics;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code sms.dead} on demand with a short-lived consumer of its own (assign and seek, no
 * consumer group, nothing committed), always bounded by the end offsets it found when it started, so
 * a read ends even while services keep writing dead letters. Blocking: call it off the event loop.
 */
@Component
public class DeadLetterShelf {
    /** How many records one listing reads at most, newest first, looking for letters of one topic. */
    static final int MAX_SCAN = 10_000;
    private static final int WINDOW = 500;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaSettings kafka;

    public DeadLetterShelf(ApiProperties properties) {
        this.kafka = properties.kafka();
    }

    /** What a listing found: the newest letters first, and how many records it read to find them. */
    public record Page(List<StoredLetter> deadLetters, long scanned) {
    }

    /** The newest {@code limit} letters (of {@code topic}, when given), reading backwards from the end. */
    public Page newest(String topic, int limit) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<StoredLetter> found = new ArrayList<>();
            long scanned = 0;
            for (TopicPartition partition : partitions) {
                int foundHere = 0;
                long upper = end.get(partition);
                while (foundHere < limit && upper > begin.get(partition) && scanned < MAX_SCAN) {
                    long lower = Math.max(begin.get(partition), upper - Math.min(WINDOW, MAX_SCAN - scanned));
                    List<ConsumerRecord<String, byte[]>> window = read(consumer, partition, lower, upper);
                    scanned += window.size();
                    for (int i = window.size() - 1; i >= 0; i--) {
                        Optional<StoredLetter> letter = parse(window.get(i));
                        if (letter.isPresent() && (topic == null || topic.equals(letter.get().letter().topic()))
                                && foundHere < limit) {
                            found.add(letter.get());
                            foundHere++;
                        }
                    }
                    upper = lower;
                }
            }
            found.sort(Comparator.comparing((StoredLetter l) -> l.letter().at(), Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingLong(StoredLetter::offset).reversed());
            return new Page(List.copyOf(found.subList(0, Math.min(limit, found.size()))), scanned);
        }
    }

    /** The records at {@code from..to} (inclusive) of one partition of {@code sms.dead}, as far as they exist. */
    public List<ConsumerRecord<String, byte[]>> range(int partitionNumber, long from, long to) {
        TopicPartition partition = new TopicPartition(Topics.DEAD.name(), partitionNumber);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            if (!partitions(consumer).contains(partition)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, Topics.DEAD + " has no partition " + partitionNumber);
            }
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long lower = Math.max(begin, from);
            long upper = Math.min(end, to + 1);
            return lower < upper ? read(consumer, partition, lower, upper) : List.of();
        }
    }

    /** The letter a record of {@code sms.dead} holds; empty if it is not one. */
    static Optional<StoredLetter> parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(new StoredLetter(record.partition(), record.offset(), Topics.DEAD.decode(record.value())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records from {@code lower} up to, not including, {@code upper}; offsets may have gaps (transaction markers). */
    private static List<ConsumerRecord<String, byte[]>> read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
                                                             long lower, long upper) {
        consumer.seek(partition, lower);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < upper) {
            if (System.nanoTime() > deadline) {
                throw new ApiException(ErrorCode.UNAVAILABLE, Topics.DEAD + " could not be read in time; retry later",
                        Map.of("retryAfterSeconds", 5));
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() < upper) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(Topics.DEAD.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return KafkaClients.offsetReader(kafka, "api-dead-letters", WINDOW,
                Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis()));
    }
}
