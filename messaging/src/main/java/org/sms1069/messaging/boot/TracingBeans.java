package org.sms1069.messaging.boot;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.sms1069.messaging.RecordTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The trace context in Kafka record headers, off with the service's tracing (docs/observability.md); every service imports it. */
@Configuration(proxyBeanMethods = false)
public class TracingBeans {

    @Bean
    RecordTracing recordTracing(@Value("${management.tracing.enabled:true}") boolean enabled, ObjectProvider<Tracer> tracer,
                                ObjectProvider<Propagator> propagator) {
        return RecordTracing.of(enabled, tracer.getIfAvailable(), propagator.getIfAvailable());
    }
}
