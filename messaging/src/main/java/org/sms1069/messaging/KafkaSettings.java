package org.sms1069.messaging;

import org.sms1069.model.seal.TextSeal;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code sms.kafka} settings every service shares (bound by Spring from its configuration).
 *
 * @param bootstrapServers  the brokers
 * @param partitions        partitions of the topics a service creates (default 6)
 * @param replicationFactor replicas of the topics a service creates (default 1 for a one-broker local run;
 *                          production: 3)
 * @param minInsyncReplicas {@code min.insync.replicas} of the topics a service creates; null leaves the broker's
 *                          default (production: 2, so that acks=all survives one broker down and never acknowledges
 *                          a record only one broker has)
 * @param stallAfter        a consumer without progress for that long while records wait turns readiness DOWN
 *                          (default 2m)
 * @param textKey           base64 of 32 random bytes, the same in api, router and gateway: seals verification texts
 *                          in Kafka records ({@link TextSeal})
 * @param properties        further Kafka client settings given to every producer, consumer and admin client of the
 *                          service, e.g. {@code security.protocol: SASL_SSL}, {@code sasl.mechanism: SCRAM-SHA-512},
 *                          {@code sasl.jaas.config}, {@code ssl.truststore.location}
 */
public record KafkaSettings(String bootstrapServers, Integer partitions, Short replicationFactor,
                            Integer minInsyncReplicas, Duration stallAfter, String textKey,
                            Map<String, String> properties) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("sms.kafka.bootstrap-servers is required");
        }
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        stallAfter = stallAfter == null ? Duration.ofMinutes(2) : stallAfter;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (partitions < 1 || replicationFactor < 1 || (minInsyncReplicas != null && minInsyncReplicas < 1)) {
            throw new IllegalArgumentException("sms.kafka.partitions, replication-factor and min-insync-replicas must be at least 1");
        }
        TextSeal.ofBase64(textKey);
    }

    /** Settings for a test or a tool: defaults, and no client properties. */
    public static KafkaSettings of(String bootstrapServers, String textKey) {
        return new KafkaSettings(bootstrapServers, null, null, null, null, textKey, null);
    }

    public TextSeal textSeal() {
        return TextSeal.ofBase64(textKey);
    }

    /** The client properties as Kafka takes them. */
    public Map<String, Object> clientProperties() {
        return Map.copyOf(properties);
    }

    @Override
    public String toString() {
        // neither the text key nor client properties (they may hold SASL passwords) are printed
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", partitions=" + partitions + ", replicationFactor="
                + replicationFactor + ", minInsyncReplicas=" + minInsyncReplicas + ", properties=" + properties.keySet() + "]";
    }
}
