package org.sms1069.messaging;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether Redis answers a PING, for a service's readiness, on a connection of its own (so that a check never
 * queues behind the service's traffic, and commands are refused at once while it is disconnected). A Spring
 * service gets it as the bean {@code redis} from {@link org.sms1069.messaging.boot.HealthBeans} and puts {@code redis}
 * in its readiness group.
 */
public final class RedisHealth implements HealthIndicator, AutoCloseable {
    private final RedisClient client;
    private final Duration timeout;
    private StatefulRedisConnection<String, String> connection;

    public RedisHealth(String uri, Duration timeout) {
        RedisURI target = RedisURI.create(uri);
        target.setTimeout(timeout);
        this.client = RedisClient.create(target);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.timeout = timeout;
    }

    public static RedisHealth of(String uri) {
        return new RedisHealth(uri, Duration.ofSeconds(2));
    }

    @Override
    public synchronized Health health() {
        try {
            if (connection == null) {
                connection = client.connect();
            }
            String pong = connection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("ping", pong).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.toString()).build();
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
