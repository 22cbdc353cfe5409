package org.sms1069.router.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.KafkaHealth;
import org.sms1069.messaging.boot.TracingBeans;
import org.sms1069.messaging.RedisHealth;
import org.sms1069.messaging.web.PublicHealth;
import org.sms1069.model.phone.NumberSegments;
import org.sms1069.router.resolve.CarrierResolver;
import org.sms1069.router.resolve.PortabilityOverrides;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** One Redis connection for the router (Lettuce multiplexes), what the admin endpoints share with routing, and consumer health. */
@Configuration(proxyBeanMethods = false)
@Import(TracingBeans.class)
public class RouterBeans {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RouterProperties properties) {
        return RedisClient.create(properties.redis().uri());
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    /** {@code consumers} in the health answer and the readiness group: DOWN while a consumer is stalled. */
    @Bean
    ConsumerHealth consumers() {
        return new ConsumerHealth();
    }

    /** {@code kafka} in the health answer and the readiness group: DOWN while the brokers do not answer. */
    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(RouterProperties properties) {
        return KafkaHealth.of(properties.kafka());
    }

    /** {@code redis} in the health answer and the readiness group: DOWN while Redis does not answer a PING. */
    @Bean(destroyMethod = "close")
    RedisHealth redisHealthIndicator(RouterProperties properties) {
        return RedisHealth.of(properties.redis().uri());
    }

    @Bean
    PortabilityOverrides portabilityOverrides(StatefulRedisConnection<String, String> redis) {
        return new PortabilityOverrides(redis.async());
    }

    @Bean
    CarrierResolver carrierResolver(PortabilityOverrides overrides, MeterRegistry meters) {
        return new CarrierResolver(NumberSegments.bundled(), overrides, meters);
    }

    /** The overall status on the public port too (details stay on the management port). */
    @Bean
    RouterFunction<ServerResponse> publicHealth(HealthEndpoint health) {
        return PublicHealth.route(health);
    }
}
