package org.sms1069.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the Kafka cluster answers, for a service's readiness: UP with the number of brokers when a metadata
 * request succeeds within the timeout, DOWN otherwise. A Spring service gets it as the bean {@code kafka} from
 * {@link org.sms1069.messaging.boot.HealthBeans} and puts {@code kafka} in its readiness group (never in liveness: a
 * broker outage is not cured by a restart).
 */
public final class KafkaHealth implements HealthIndicator, AutoCloseable {
    private final Admin admin;
    private final Duration timeout;

    /** @param clientConfig further Kafka client settings (security), applied over the bootstrap servers */
    public KafkaHealth(String bootstrapServers, Map<String, Object> clientConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.timeout = timeout;
    }

    /** The health of the cluster the service's settings name, reached with their client properties (TLS, SASL). */
    public static KafkaHealth of(KafkaSettings kafka) {
        return new KafkaHealth(kafka.bootstrapServers(), kafka.clientProperties(), Duration.ofSeconds(3));
    }

    @Override
    public Health health() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return Health.up().withDetail("brokers", nodes.size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", String.valueOf(e.getCause())).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout).build();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
