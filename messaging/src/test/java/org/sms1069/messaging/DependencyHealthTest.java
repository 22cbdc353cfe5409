package org.sms1069.messaging;

import org.junit.jupiter.api.Test;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness checks of Kafka and Redis against the real servers, and against a port where nothing listens
 * (the answer is DOWN, in about the timeout, never an exception or a hang).
 */
class DependencyHealthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void kafkaIsUpWhenTheBrokerAnswersAndDownOnAClosedPort() {
        try (KafkaHealth reachable = new KafkaHealth(TestKafka.bootstrapServers(), Map.of(), TIMEOUT);
             KafkaHealth closed = new KafkaHealth("127.0.0.1:" + TestInfra.freePort(), Map.of(), TIMEOUT)) {
            Health up = reachable.health();
            assertThat(up.getStatus()).as("%s", up.getDetails()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("brokers", 1);
            Health down = closed.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsKey("error");
        }
    }

    @Test
    void redisIsUpWhenItAnswersAPingAndDownOnAClosedPort() {
        try (RedisHealth reachable = new RedisHealth(TestInfra.redisUri(), TIMEOUT);
             RedisHealth closed = new RedisHealth("redis://127.0.0.1:" + TestInfra.freePort(), TIMEOUT)) {
            Health up = reachable.health();
            assertThat(up.getStatus()).as("%s", up.getDetails()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("ping", "PONG");
            Health down = closed.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsKey("error");
            assertThat(closed.health().getStatus()).as("asked again").isEqualTo(Status.DOWN);
        }
    }
}
