package org.sms1069.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.KafkaHealth;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.boot.TracingBeans;
import org.sms1069.messaging.RedisHealth;
import org.sms1069.messaging.web.PublicHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@Import(TracingBeans.class)
class GatewayBeans {

    @Bean(destroyMethod = "close")
    Publisher publisher(GatewayProperties properties, RecordTracing tracing) {
        return new Publisher(KafkaClients.reliableProducer(properties.kafka(), "gateway"), tracing);
    }

    /** {@code consumers} in the health answer and the readiness group: DOWN while a consumer is stalled. */
    @Bean
    ConsumerHealth consumers() {
        return new ConsumerHealth();
    }

    /** {@code kafka} in the health answer and the readiness group: DOWN while the brokers do not answer. */
    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(GatewayProperties properties) {
        return KafkaHealth.of(properties.kafka());
    }

    /** {@code redis} in the health answer and the readiness group: DOWN while Redis does not answer a PING. */
    @Bean(destroyMethod = "close")
    RedisHealth redisHealthIndicator(GatewayProperties properties) {
        return RedisHealth.of(properties.redis().uri());
    }

    @Bean
    LinkHealthReporter linkHealthReporter(Publisher publisher, MeterRegistry meters, GatewayProperties properties) {
        return new LinkHealthReporter(publisher, meters, Clock.systemUTC(), properties.flowControlPause(),
                properties.linkDownGrace());
    }

    /** The overall status on the public port too (details stay on the management port). */
    @Bean
    RouterFunction<ServerResponse> publicHealth(HealthEndpoint health) {
        return PublicHealth.route(health);
    }
}
