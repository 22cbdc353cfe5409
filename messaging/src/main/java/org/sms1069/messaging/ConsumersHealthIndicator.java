package org.sms1069.messaging;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code consumers} health of a Spring service: DOWN while any of its consumers is stalled, with every
 * consumer's group, lag and last progress as details. Services put it in their readiness group.
 */
public final class ConsumersHealthIndicator implements HealthIndicator {
    private final ConsumerHealth consumers;

    public ConsumersHealthIndicator(ConsumerHealth consumers) {
        this.consumers = consumers;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean healthy = true;
        for (ConsumerStatus status : consumers.statuses()) {
            healthy &= !status.stalled();
            details.put(status.group(), Map.of("topic", status.topic(), "running", status.running(), "lag", status.lag(),
                    "lastProgress", String.valueOf(status.lastProgress()), "stalled", status.stalled()));
        }
        return (healthy ? Health.up() : Health.down()).withDetails(details).build();
    }
}
