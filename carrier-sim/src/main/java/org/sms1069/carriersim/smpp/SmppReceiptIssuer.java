package org.sms1069.carriersim.smpp;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.carriersim.receipt.OutcomeMix;
import org.sms1069.carriersim.receipt.ReceiptScheduler;

/** Decides each answered submit's fate and schedules its receipt if registered_delivery asks for one. */
final class SmppReceiptIssuer {
    private static final int RECEIPT_MASK = 0x03;
    private static final int RECEIPT_ON_SUCCESS_AND_FAILURE = 0x01;
    private static final int RECEIPT_ON_FAILURE = 0x02;
    private static final String ENROUTE = "ENROUTE";

    private final OutcomeMix outcomes;
    private final ReceiptScheduler scheduler;
    private final DeliverSmSender sender;
    private final SmppCounters counters;
    private final Duration delay;
    private final Clock clock;
    private final Supplier<SmppQuirks> quirks;

    SmppReceiptIssuer(OutcomeMix outcomes, ReceiptScheduler scheduler, DeliverSmSender sender,
                      SmppCounters counters, Duration delay, Clock clock, Supplier<SmppQuirks> quirks) {
        this.quirks = quirks;
        this.outcomes = outcomes;
        this.scheduler = scheduler;
        this.sender = sender;
        this.counters = counters;
        this.delay = delay;
        this.clock = clock;
    }

    static boolean receiptRequested(int registeredDelivery) {
        int receipt = registeredDelivery & RECEIPT_MASK;
        return receipt == RECEIPT_ON_SUCCESS_AND_FAILURE || receipt == RECEIPT_ON_FAILURE;
    }

    void issue(ReceivedSubmit submit) {
        DeliveryOutcome outcome = outcomes.next();
        boolean failureOnly = (submit.registeredDelivery() & RECEIPT_MASK) == RECEIPT_ON_FAILURE;
        if (failureOnly && outcome.delivered()) {
            return;
        }
        SmppQuirks now = quirks.get();
        if (now.intermediateStates()) {
            scheduler.schedule(new SmppReceiptJob(submit, DeliveryOutcome.of(ENROUTE), sender, counters, clock, now), delay);
        }
        scheduler.schedule(new SmppReceiptJob(submit, outcome, sender, counters, clock, now), delay);
    }
}
