package org.sms1069.messaging.boot;

import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.KafkaHealth;
import org.sms1069.messaging.RedisHealth;
import org.sms1069.messaging.web.PublicHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The health every service answers, from its {@link ServiceSettings}: the contributors {@code consumers},
 * {@code kafka} and {@code redis} its readiness group lists, and the overall status on its public port. Every
 * service imports it.
 */
@Configuration(proxyBeanMethods = false)
public class HealthBeans {

    /** {@code consumers} in the health answer and the readiness group: DOWN while a consumer is stalled. */
    @Bean
    ConsumerHealth consumers() {
        return new ConsumerHealth();
    }

    /** {@code kafka} in the health answer and the readiness group: DOWN while the brokers do not answer. */
    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(ServiceSettings settings) {
        return KafkaHealth.of(settings.kafka());
    }

    /** {@code redis} in the health answer and the readiness group: DOWN while Redis does not answer a PING. */
    @Bean(destroyMethod = "close")
    RedisHealth redisHealthIndicator(ServiceSettings settings) {
        return RedisHealth.of(settings.redis().uri());
    }

    /** The overall status on the public port too (details stay on the management port). */
    @Bean
    RouterFunction<ServerResponse> publicHealth(HealthEndpoint health) {
        return PublicHealth.route(health);
    }
}
