package org.sms1069.carriersim;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.sgip.SgipSimulator;
import org.sms1069.carriersim.smgp.SmgpSimulator;
import org.sms1069.carriersim.smpp.SmppQuirks;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.stats.SimStats;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimProperties.class)
class SimulatorConfiguration {

    /** One for all simulators: a part resent over another protocol is still a duplicate on the handset. */
    @Bean
    SimStats simStats() {
        return new SimStats();
    }

    @Bean
    FlowControlFault flowControlFault() {
        return new FlowControlFault();
    }

    @Bean(destroyMethod = "close")
    SmppSimulator smppSimulator(SimProperties properties, SimStats stats, FlowControlFault flowControl) {
        SmppSimulator simulator = SmppSimulator.start(properties.smppConfig(), stats, flowControl);
        SmppQuirks quirks = properties.smpp().quirks();
        simulator.quirks(new SmppQuirks(quirks.receiptsByTlvOnly(), quirks.moInPayload(), quirks.moGsm7(),
                quirks.intermediateStates() || properties.intermediateStates()));
        return simulator;
    }

    @Bean(destroyMethod = "close")
    CmppSimulator cmppSimulator(SimProperties properties, SimStats stats, FlowControlFault flowControl) {
        CmppSimulator simulator = CmppSimulator.start(properties.cmppConfig(), stats, flowControl);
        simulator.quirks(properties.cmpp().quirks());
        simulator.intermediateStates(properties.intermediateStates());
        return simulator;
    }

    @Bean(destroyMethod = "close")
    SmgpSimulator smgpSimulator(SimProperties properties, SimStats stats, FlowControlFault flowControl) {
        SmgpSimulator simulator = SmgpSimulator.start(properties.smgpConfig(), stats, flowControl);
        simulator.intermediateStates(properties.intermediateStates());
        return simulator;
    }

    @Bean(destroyMethod = "close")
    SgipSimulator sgipSimulator(SimProperties properties, SimStats stats, FlowControlFault flowControl) {
        return SgipSimulator.start(properties.sgipConfig(), stats, flowControl);
    }

    @Bean
    MeterBinder sgipSimulatorMetrics(SgipSimulator sgipSimulator) {
        return new NettySimulatorMetrics("sgip", sgipSimulator);
    }

    @Bean
    MeterBinder smgpSimulatorMetrics(SmgpSimulator smgpSimulator) {
        return new NettySimulatorMetrics("smgp", smgpSimulator);
    }

    @Bean
    MeterBinder cmppSimulatorMetrics(CmppSimulator cmppSimulator) {
        return new NettySimulatorMetrics("cmpp", cmppSimulator);
    }

    @Bean
    MeterBinder smppSimulatorMetrics(SmppSimulator smppSimulator) {
        return new SmppSimulatorMetrics(smppSimulator);
    }
}
