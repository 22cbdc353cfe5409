package org.sms1069.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Producers and consumers configured for the platform's delivery guarantee: nothing is acknowledged
 * before every in-sync replica has it, producers are idempotent, and consumers commit by hand only
 * after the work is done. Keys are strings (phone or message id), values JSON bytes.
 * <p>Batching (throughput without giving up durability): a producer waits up to {@value #LINGER_MS} ms to fill
 * batches of up to {@value #BATCH_BYTES} bytes per partition, compressed with lz4 (cheapest CPU per byte saved for
 * small JSON records; zstd compresses more but costs more CPU on a 2-core machine), still acks=all and idempotent.
 * A consumer's fetch is answered as soon as a record is there, or after {@value #FETCH_MAX_WAIT_MS} ms when none
 * comes (Kafka's defaults): an idle consumer costs two fetches a second, and a lone record is not held back. The
 * consumers of the topics every message passes through ({@code sms.submit}, {@code sms.out.<link>},
 * {@code sms.status}) gather instead ({@link ConsumerSettings#gathering()}, {@link #GATHERING}): a fetch waits up to
 * {@value #GATHER_MAX_WAIT_MS} ms for {@value #GATHER_MIN_BYTES} bytes, so that at a few hundred messages a second a
 * poll holds several records rather than one and its fixed costs are shared (docs/benchmarks.md, "A steady state,
 * and gathering fetches": 0.89-0.94x the CPU per message in three of four interleaved pairs, 1.12x in the fourth);
 * a message waits at most that much more per hop, and
 * each of those few consumers fetches 50 times a second when idle.
 */
public final class KafkaClients {
    static final int LINGER_MS = 5;
    static final int BATCH_BYTES = 128 * 1024;
    static final int FETCH_MIN_BYTES = 1;
    static final int FETCH_MAX_WAIT_MS = 500;
    static final int GATHER_MIN_BYTES = 16 * 1024;
    static final int GATHER_MAX_WAIT_MS = 20;
    static final Map<String, Object> GATHERING = Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHER_MIN_BYTES,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, GATHER_MAX_WAIT_MS);

    private KafkaClients() {
    }

    public static KafkaProducer<String, byte[]> reliableProducer(String bootstrapServers, String clientId) {
        return reliableProducer(bootstrapServers, clientId, Map.of());
    }

    /** A service's producer: with its {@code sms.kafka.properties} (TLS, SASL ...). */
    public static KafkaProducer<String, byte[]> reliableProducer(KafkaSettings kafka, String clientId) {
        return reliableProducer(kafka.bootstrapServers(), clientId, kafka.clientProperties());
    }

    private static KafkaProducer<String, byte[]> reliableProducer(String bootstrapServers, String clientId,
                                                                  Map<String, Object> further) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putAll(further);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer for {@link ReliableConsumer}: manual commits, reads only committed records, starts at
     * the earliest offset so that a new group misses nothing.
     */
    public static KafkaConsumer<String, byte[]> manualCommitConsumer(String bootstrapServers, String groupId,
                                                                     String clientId, int maxPollRecords) {
        return new KafkaConsumer<>(consumerConfig(bootstrapServers, groupId, clientId, maxPollRecords),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The consumer of a {@link ReliableConsumer}, with its poll interval and any further properties. */
    public static KafkaConsumer<String, byte[]> manualCommitConsumer(ConsumerSettings settings) {
        return new KafkaConsumer<>(consumerConfig(settings), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static Map<String, Object> consumerConfig(ConsumerSettings settings) {
        Map<String, Object> config = consumerConfig(settings.bootstrapServers(), settings.group(), settings.clientId(),
                settings.maxPollRecords());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) settings.maxPollInterval().toMillis());
        config.putAll(settings.kafka());
        return config;
    }

    /**
     * A consumer outside any group that reads where it is told ({@code assign} and {@code seek}): committed records
     * only, nothing committed, for reading a record back by its offset.
     */
    public static KafkaConsumer<String, byte[]> offsetReader(KafkaSettings kafka, String clientId, int maxPollRecords,
                                                             Map<String, Object> further) {
        Map<String, Object> all = new HashMap<>(kafka.clientProperties());
        all.putAll(further);
        return offsetReader(kafka.bootstrapServers(), clientId, maxPollRecords, all);
    }

    /** As above, with the client properties given in {@code further}. */
    public static KafkaConsumer<String, byte[]> offsetReader(String bootstrapServers, String clientId, int maxPollRecords,
                                                             Map<String, Object> further) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.putAll(further);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String groupId, String clientId,
                                                      int maxPollRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        return config;
    }
}
