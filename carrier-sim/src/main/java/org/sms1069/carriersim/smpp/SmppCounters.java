package org.sms1069.carriersim.smpp;

import java.util.concurrent.atomic.AtomicLong;

import org.sms1069.carriersim.stats.SimStats;

/** Running totals of one simulator, read by tests and exported as metrics; receipts and MO also go to {@link SimStats}. */
public final class SmppCounters {
    private final AtomicLong bindsAccepted = new AtomicLong();
    private final AtomicLong bindsRejected = new AtomicLong();
    private final AtomicLong submitsAccepted = new AtomicLong();
    private final AtomicLong submitsThrottled = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicLong receiptsDropped = new AtomicLong();
    private final AtomicLong mosSent = new AtomicLong();

    private final SimStats stats;

    SmppCounters(SimStats stats) {
        this.stats = stats;
    }

    public long bindsAccepted() {
        return bindsAccepted.get();
    }

    public long bindsRejected() {
        return bindsRejected.get();
    }

    public long submitsAccepted() {
        return submitsAccepted.get();
    }

    public long submitsThrottled() {
        return submitsThrottled.get();
    }

    public long receiptsSent() {
        return receiptsSent.get();
    }

    public long receiptsDropped() {
        return receiptsDropped.get();
    }

    public long mosSent() {
        return mosSent.get();
    }

    void bindAccepted() {
        bindsAccepted.incrementAndGet();
    }

    void bindRejected() {
        bindsRejected.incrementAndGet();
    }

    void submitAccepted() {
        submitsAccepted.incrementAndGet();
    }

    void submitThrottled() {
        submitsThrottled.incrementAndGet();
    }

    void receiptSent() {
        receiptsSent.incrementAndGet();
        stats.receiptsSent(SmppSimulator.PROTOCOL, 1);
    }

    void receiptDropped() {
        receiptsDropped.incrementAndGet();
    }

    void moSent() {
        mosSent.incrementAndGet();
        stats.moSent(SmppSimulator.PROTOCOL);
    }

    @Override
    public String toString() {
        return "SmppCounters[bindsAccepted=" + bindsAccepted + ", bindsRejected=" + bindsRejected
                + ", submitsAccepted=" + submitsAccepted + ", submitsThrottled=" + submitsThrottled
                + ", receiptsSent=" + receiptsSent + ", receiptsDropped=" + receiptsDropped
                + ", mosSent=" + mosSent + "]";
    }
}
