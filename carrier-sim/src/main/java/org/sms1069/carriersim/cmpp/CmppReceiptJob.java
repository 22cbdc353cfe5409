package org.sms1069.carriersim.cmpp;

import org.sms1069.carriersim.netty.SimCounters;
import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.carriersim.receipt.ReceiptJob;
import org.sms1069.gateway.cmpp.CmppReport;

/** The status report of one recipient of one accepted SUBMIT, delivered on any connection of the account. */
final class CmppReceiptJob implements ReceiptJob {
    private final CmppSimulator simulator;
    private final CmppReport report;
    private final String destId;
    private final SimCounters counters;

    CmppReceiptJob(CmppSimulator simulator, CmppReport report, String destId, SimCounters counters) {
        this.simulator = simulator;
        this.report = report;
        this.destId = destId;
        this.counters = counters;
    }

    static CmppReceiptJob of(CmppSimulator simulator, long msgId, String destination, String sourceAddr,
                             DeliveryOutcome outcome, String submitTime, String doneTime, SimCounters counters) {
        CmppReport report = new CmppReport(msgId, outcome.stat(), submitTime, doneTime, destination, msgId & 0xFFFF);
        return new CmppReceiptJob(simulator, report, sourceAddr, counters);
    }

    CmppReport report() {
        return report;
    }

    String destId() {
        return destId;
    }

    @Override
    public boolean tryDeliver() {
        boolean sent = simulator.deliverReport(this);
        if (sent) {
            counters.receiptsSent.incrementAndGet();
        }
        return sent;
    }

    @Override
    public void abandon() {
        counters.receiptsDropped.incrementAndGet();
    }
}
