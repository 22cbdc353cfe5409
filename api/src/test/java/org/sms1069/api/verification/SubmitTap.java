package org.sms1069.api.verification;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.json.SmsJson;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.testkit.TestKafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads what the api queued on {@code sms.submit} from the moment it is opened: {@link #await} opens a sealed text as
 * the router would, {@link #awaitAsQueued} gives the record as it lies in Kafka.
 */
public final class SubmitTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final TextSeal seal;
    private final Map<String, AcceptedMessage> seen = new HashMap<>();

    public SubmitTap(TextSeal seal) {
        this.seal = seal;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBMIT.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public AcceptedMessage await(String messageId) {
        return awaitAsQueued(messageId).openedWith(seal);
    }

    public synchronized AcceptedMessage awaitAsQueued(String messageId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!seen.containsKey(messageId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " never reached " + Topics.SUBMIT);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                AcceptedMessage message = SmsJson.read(record.value(), AcceptedMessage.class);
                seen.put(message.messageId(), message);
            }
        }
        return seen.get(messageId);
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
