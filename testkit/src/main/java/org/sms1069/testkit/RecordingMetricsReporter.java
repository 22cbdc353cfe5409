package org.sms1069.testkit;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kafka {@code metric.reporters} class that remembers the configuration of every client that created it: given as a
 * client property, it shows which producers, consumers and admin clients were built with a service's client properties.
 */
public final class RecordingMetricsReporter implements MetricsReporter {
    private static final List<Map<String, ?>> CONFIGURED = new CopyOnWriteArrayList<>();

    /** The client ids of every client configured with this reporter so far in this JVM. */
    public static List<String> clientIds() {
        return CONFIGURED.stream().map(config -> String.valueOf(config.get("client.id"))).toList();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        CONFIGURED.add(Map.copyOf(configs));
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
    }

    @Override
    public void metricChange(KafkaMetric metric) {
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
    }

    @Override
    public void close() {
    }
}
