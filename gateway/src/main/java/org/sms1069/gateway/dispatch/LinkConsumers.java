package org.sms1069.gateway.dispatch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.Map;

/**
 * The consumer of {@code sms.out.<link>}: {@code KafkaClients.manualCommitConsumer} with the link's
 * {@link PollBudget}. messaging has no way yet to set {@code max.poll.interval.ms}; once it has, this
 * class goes and the gateway calls it.
 */
public final class LinkConsumers {
    private LinkConsumers() {
    }

    public static KafkaConsumer<String, byte[]> create(String bootstrapServers, String linkId, PollBudget budget) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-" + linkId,
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-" + linkId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, budget.maxPollRecords(),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) budget.maxPollInterval().toMillis(),
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
