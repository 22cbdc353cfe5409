package org.sms1069.carriersim;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.sms1069.carriersim.smpp.SmppSimulator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimProperties.class)
class SimulatorConfiguration {

    @Bean(destroyMethod = "close")
    SmppSimulator smppSimulator(SimProperties properties) {
        return SmppSimulator.start(properties.smppConfig());
    }

    @Bean
    MeterBinder smppSimulatorMetrics(SmppSimulator smppSimulator) {
        return new SmppSimulatorMetrics(smppSimulator);
    }
}
