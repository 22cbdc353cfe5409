package org.sms1069.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.boot.HealthBeans;
import org.sms1069.messaging.boot.TracingBeans;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@Import({TracingBeans.class, HealthBeans.class})
class GatewayBeans {

    @Bean(destroyMethod = "close")
    Publisher publisher(GatewayProperties properties, RecordTracing tracing) {
        return new Publisher(KafkaClients.reliableProducer(properties.kafka(), "gateway"), tracing);
    }

    @Bean
    LinkHealthReporter linkHealthReporter(Publisher publisher, MeterRegistry meters, GatewayProperties properties) {
        return new LinkHealthReporter(publisher, meters, Clock.systemUTC(), properties.flowControlPause(),
                properties.linkDownGrace());
    }
}
