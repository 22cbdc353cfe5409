package org.sms1069.carriersim.netty;

import org.sms1069.carriersim.receipt.ReceiptJob;

import java.util.function.Predicate;

/**
 * The status report of one recipient of one accepted submit, waiting to reach the SP on any connection (or,
 * for SGIP, over the connection the simulator opens to the SP).
 *
 * @param <R> the protocol's report record
 */
public final class ReportJob<R> implements ReceiptJob {
    private final R report;
    private final String handset;
    private final String spNumber;
    private final Predicate<ReportJob<R>> deliver;
    private final SimCounters counters;

    /**
     * @param handset  the recipient the report is about
     * @param spNumber the sender number of the submit, which a report carries back as its destination
     * @param deliver  sends the report; true when the SP answered it with 0
     */
    public ReportJob(R report, String handset, String spNumber, Predicate<ReportJob<R>> deliver, SimCounters counters) {
        this.report = report;
        this.handset = handset;
        this.spNumber = spNumber;
        this.deliver = deliver;
        this.counters = counters;
    }

    public R report() {
        return report;
    }

    public String handset() {
        return handset;
    }

    public String spNumber() {
        return spNumber;
    }

    @Override
    public boolean tryDeliver() {
        boolean sent = deliver.test(this);
        if (sent) {
            counters.receiptsSent(1);
        }
        return sent;
    }

    @Override
    public void abandon() {
        counters.receiptsDropped.incrementAndGet();
    }
}
