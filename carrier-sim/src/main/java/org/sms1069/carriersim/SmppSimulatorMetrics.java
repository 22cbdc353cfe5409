package org.sms1069.carriersim;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.sms1069.carriersim.smpp.SmppCounters;
import org.sms1069.carriersim.smpp.SmppSimulator;

/**
 * Exports the simulator's counters as {@code sms_sim_*}. The protocol tag lets the CMPP, SGIP
 * and SMGP simulators report under the same names.
 */
final class SmppSimulatorMetrics implements MeterBinder {
    private static final String PROTOCOL = "smpp";

    private final SmppSimulator simulator;

    SmppSimulatorMetrics(SmppSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SmppCounters counters = simulator.counters();
        counter(registry, "sms.sim.binds", "accepted", counters, SmppCounters::bindsAccepted);
        counter(registry, "sms.sim.binds", "rejected", counters, SmppCounters::bindsRejected);
        counter(registry, "sms.sim.submits", "accepted", counters, SmppCounters::submitsAccepted);
        counter(registry, "sms.sim.submits", "throttled", counters, SmppCounters::submitsThrottled);
        counter(registry, "sms.sim.receipts", "sent", counters, SmppCounters::receiptsSent);
        counter(registry, "sms.sim.receipts", "dropped", counters, SmppCounters::receiptsDropped);
        counter(registry, "sms.sim.mo", "sent", counters, SmppCounters::mosSent);
        Gauge.builder("sms.sim.sessions", simulator, SmppSimulator::boundSessions)
                .description("bound sessions").tag("protocol", PROTOCOL).register(registry);
        Gauge.builder("sms.sim.receipts.pending", simulator, SmppSimulator::pendingReceipts)
                .description("receipts waiting for their delay or a receiver").tag("protocol", PROTOCOL).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String result, SmppCounters counters,
                                ToDoubleFunction<SmppCounters> value) {
        FunctionCounter.builder(name, counters, value)
                .tag("protocol", PROTOCOL)
                .tag("result", result)
                .register(registry);
    }
}
