package org.sms1069.carriersim.netty;

import org.sms1069.carriersim.stats.SimStats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of a Netty simulator, read by tests and exported as {@code sms_sim_*} metrics; receipts and MO
 * also go to the carrier-sim's resettable {@link SimStats}.
 */
public final class SimCounters {
    public final AtomicLong loginsAccepted = new AtomicLong();
    public final AtomicLong loginsRejected = new AtomicLong();
    public final AtomicLong submitsAccepted = new AtomicLong();
    public final AtomicLong submitsThrottled = new AtomicLong();
    public final AtomicLong submitsMalformed = new AtomicLong();
    public final AtomicLong receiptsSent = new AtomicLong();
    public final AtomicLong receiptsDropped = new AtomicLong();
    public final AtomicLong mosSent = new AtomicLong();
    private final String protocol;
    private final SimStats stats;

    SimCounters(String protocol, SimStats stats) {
        this.protocol = protocol;
        this.stats = stats;
    }

    void receiptsSent(int count) {
        receiptsSent.addAndGet(count);
        stats.receiptsSent(protocol, count);
    }

    void moSent() {
        mosSent.incrementAndGet();
        stats.moSent(protocol);
    }

    @Override
    public String toString() {
        return "logins " + loginsAccepted + "/" + loginsRejected + " rejected, submits " + submitsAccepted + " (+"
                + submitsThrottled + " throttled, " + submitsMalformed + " malformed), receipts " + receiptsSent
                + " (" + receiptsDropped + " dropped), MO " + mosSent;
    }
}
