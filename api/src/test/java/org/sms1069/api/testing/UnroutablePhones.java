package org.sms1069.api.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.sms1069.messaging.Publisher;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producer partitioner that sends the records of chosen phones (the record key) to a partition the
 * topic does not have: a real producer then fails exactly those records against the real broker (no
 * leader ever takes them; they expire after the delivery timeout) while all others are partitioned
 * and acknowledged as usual.
 */
public final class UnroutablePhones implements Partitioner {
    private static final Set<String> PHONES = ConcurrentHashMap.newKeySet();
    private static final int DELIVERY_TIMEOUT_MS = 8_000;

    /** @param phone canonical, as the api keys its records on sms.submit */
    public static void add(String phone) {
        PHONES.add(phone);
    }

    public static void remove(String phone) {
        PHONES.remove(phone);
    }

    /** A publisher like the api's own (acks=all, idempotent), over a producer with this partitioner. */
    public static Publisher publisher() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, TestInfra.unique("api-unroutable"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, UnroutablePhones.class);
        return new Publisher(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (PHONES.contains(key)) {
            return partitions;
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
