package org.sms1069.carriersim.smpp;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one simulator, read by tests and exported as metrics. */
public final class SmppCounters {
    private final AtomicLong bindsAccepted = new AtomicLong();
    private final AtomicLong bindsRejected = new AtomicLong();
    private final AtomicLong submitsAccepted = new AtomicLong();
    private final AtomicLong submitsThrottled = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicLong receiptsDropped = new AtomicLong();
    private final AtomicLong mosSent = new AtomicLong();

    SmppCounters() {
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
    }

    void receiptDropped() {
        receiptsDropped.incrementAndGet();
    }

    void moSent() {
        mosSent.incrementAndGet();
    }

    @Override
    public String toString() {
        return "SmppCounters[bindsAccepted=" + bindsAccepted + ", bindsRejected=" + bindsRejected
                + ", submitsAccepted=" + submitsAccepted + ", submitsThrottled=" + submitsThrottled
                + ", receiptsSent=" + receiptsSent + ", receiptsDropped=" + receiptsDropped
                + ", mosSent=" + mosSent + "]";
    }
}
