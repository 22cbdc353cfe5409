package org.sms1069.api.config;

import org.junit.jupiter.api.Test;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.api.testing.RunningApi;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The api's readiness group asks Kafka, Redis and PostgreSQL; liveness asks none of them. Read through the
 * health endpoint's bean, so the test does not depend on the port the actuator is served on.
 */
class ReadinessTest {

    @Test
    void readinessGoesDownWhenRedisStopsAnsweringWhileLivenessStaysUp() throws Exception {
        assumeTrue(PrivateRedis.available(), "needs redis-server to run a Redis of its own");
        PrivateRedis redis = PrivateRedis.start();
        try (RunningApi api = RunningApi.start("sms.redis.uri=" + redis.uri())) {
            HealthEndpoint health = api.bean(HealthEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP));
            assertThat(((CompositeHealth) health.healthForPath("readiness")).getComponents())
                    .containsKeys("kafka", "redis", "r2dbc", "consumers");
            assertThat(((CompositeHealth) health.healthForPath("liveness")).getComponents())
                    .containsOnlyKeys("livenessState");

            redis.close();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HealthComponent readiness = health.healthForPath("readiness");
                assertThat(readiness.getStatus()).isEqualTo(Status.DOWN);
                assertThat(((CompositeHealth) readiness).getComponents().get("redis").getStatus()).isEqualTo(Status.DOWN);
            });
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
        } finally {
            redis.close();
        }
    }
}
