package org.sms1069.router.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code sms_router_consumer_lag{topic}}: records on the topic not yet committed by the router's group
 * for it (log end offset minus committed offset, summed over partitions), measured with the admin
 * client so it covers all instances of the group. Every instance reports the same value.
 */
public final class ConsumerLag implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Admin admin;
    private final Map<String, String> groupByTopic;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> task;

    public ConsumerLag(String bootstrapServers, Map<String, String> groupByTopic, MeterRegistry meters,
                       ScheduledExecutorService timer, Duration interval) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        this.groupByTopic = Map.copyOf(groupByTopic);
        groupByTopic.keySet().forEach(topic -> {
            AtomicLong value = lag.computeIfAbsent(topic, t -> new AtomicLong());
            Gauge.builder("sms_router_consumer_lag", value, AtomicLong::get).tag("topic", topic)
                    .description("records not yet committed by the router's consumer group").register(meters);
        });
        this.task = timer.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void measure() {
        for (var entry : groupByTopic.entrySet()) {
            try {
                lag.get(entry.getKey()).set(lagOf(entry.getKey(), entry.getValue()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                log.debug("cannot measure lag of {}: {}", entry.getKey(), e.toString());
            }
        }
    }

    private long lagOf(String topic, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long total = 0;
        for (var e : committed.entrySet()) {
            total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
        return total;
    }

    @Override
    public void close() {
        task.cancel(true);
        admin.close(Duration.ofSeconds(5));
    }
}
