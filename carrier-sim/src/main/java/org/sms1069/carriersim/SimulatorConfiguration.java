package org.sms1069.carriersim;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.sgip.SgipSimulator;
import org.sms1069.carriersim.smgp.SmgpSimulator;
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

    @Bean(destroyMethod = "close")
    CmppSimulator cmppSimulator(SimProperties properties) {
        return CmppSimulator.start(properties.cmppConfig());
    }

    @Bean(destroyMethod = "close")
    SmgpSimulator smgpSimulator(SimProperties properties) {
        return SmgpSimulator.start(properties.smgpConfig());
    }

    @Bean(destroyMethod = "close")
    SgipSimulator sgipSimulator(SimProperties properties) {
        return SgipSimulator.start(properties.sgipConfig());
    }

    @Bean
    MeterBinder sgipSimulatorMetrics(SgipSimulator sgipSimulator) {
        return new NettySimulatorMetrics("sgip", sgipSimulator.counters(), sgipSimulator::loggedInSessions,
                sgipSimulator::pendingReceipts);
    }

    @Bean
    MeterBinder smgpSimulatorMetrics(SmgpSimulator smgpSimulator) {
        return new NettySimulatorMetrics("smgp", smgpSimulator.counters(), smgpSimulator::loggedInSessions,
                smgpSimulator::pendingReceipts);
    }

    @Bean
    MeterBinder cmppSimulatorMetrics(CmppSimulator cmppSimulator) {
        return new NettySimulatorMetrics("cmpp", cmppSimulator.counters(), cmppSimulator::loggedInSessions,
                cmppSimulator::pendingReceipts);
    }

    @Bean
    MeterBinder smppSimulatorMetrics(SmppSimulator smppSimulator) {
        return new SmppSimulatorMetrics(smppSimulator);
    }
}
