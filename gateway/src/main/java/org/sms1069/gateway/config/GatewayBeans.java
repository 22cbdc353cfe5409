package org.sms1069.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class GatewayBeans {

    @Bean(destroyMethod = "close")
    Publisher publisher(GatewayProperties properties) {
        return new Publisher(KafkaClients.reliableProducer(properties.kafka(), "gateway"));
    }

    /** {@code consumers} in the health answer and the readiness group: DOWN while a consumer is stalled. */
    @Bean
    ConsumerHealth consumers() {
        return new ConsumerHealth();
    }

    @Bean
    LinkHealthReporter linkHealthReporter(Publisher publisher, MeterRegistry meters, GatewayProperties properties) {
        return new LinkHealthReporter(publisher, meters, Clock.systemUTC(), properties.flowControlPause(),
                properties.linkDownGrace());
    }
}
