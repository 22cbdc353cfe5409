package org.sms1069.carriersim;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.SimCounters;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Exports a Netty simulator's counters under the same {@code sms_sim_*} names as the SMPP one, by protocol tag. */
final class NettySimulatorMetrics implements MeterBinder {
    private final String protocol;
    private final SimCounters counters;
    private final IntSupplier sessions;
    private final IntSupplier pendingReceipts;

    /** {@code simulator}'s meters, tagged {@code protocol}. */
    NettySimulatorMetrics(String protocol, NettySimulator<?, ?> simulator) {
        this.protocol = protocol;
        this.counters = simulator.counters();
        this.sessions = simulator::loggedInSessions;
        this.pendingReceipts = simulator::pendingReceipts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "sms.sim.binds", "accepted", counters.loginsAccepted);
        counter(registry, "sms.sim.binds", "rejected", counters.loginsRejected);
        counter(registry, "sms.sim.submits", "accepted", counters.submitsAccepted);
        counter(registry, "sms.sim.submits", "throttled", counters.submitsThrottled);
        counter(registry, "sms.sim.receipts", "sent", counters.receiptsSent);
        counter(registry, "sms.sim.receipts", "dropped", counters.receiptsDropped);
        counter(registry, "sms.sim.mo", "sent", counters.mosSent);
        Gauge.builder("sms.sim.sessions", sessions, IntSupplier::getAsInt).tag("protocol", protocol).register(registry);
        Gauge.builder("sms.sim.receipts.pending", pendingReceipts, IntSupplier::getAsInt).tag("protocol", protocol)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String result, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::doubleValue).tag("protocol", protocol).tag("result", result)
                .register(registry);
    }
}
