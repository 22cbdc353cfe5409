package org.sms1069.messaging;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The consumers of one service, for its readiness: DOWN while any of them is stalled, with every consumer's
 * group, lag and last progress as details. A Spring service gets it as the bean {@code consumers} from
 * {@link org.sms1069.messaging.boot.HealthBeans} and puts {@code consumers} in its readiness group.
 */
public final class ConsumerHealth implements HealthIndicator {
    private final List<ReliableConsumer<?>> consumers = new CopyOnWriteArrayList<>();

    void watch(ReliableConsumer<?> consumer) {
        consumers.add(consumer);
    }

    void forget(ReliableConsumer<?> consumer) {
        consumers.remove(consumer);
    }

    public List<ConsumerStatus> statuses() {
        return consumers.stream().map(ReliableConsumer::status).toList();
    }

    public boolean healthy() {
        return statuses().stream().noneMatch(ConsumerStatus::stalled);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean healthy = true;
        for (ConsumerStatus status : statuses()) {
            healthy &= !status.stalled();
            details.put(status.group(), Map.of("topic", status.topic(), "running", status.running(), "lag", status.lag(),
                    "lastProgress", String.valueOf(status.lastProgress()), "stalled", status.stalled()));
        }
        return (healthy ? Health.up() : Health.down()).withDetails(details).build();
    }
}
