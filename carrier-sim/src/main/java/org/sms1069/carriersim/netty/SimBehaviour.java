package org.sms1069.carriersim.netty;

import org.sms1069.carriersim.receipt.OutcomeMix;

import java.time.Duration;
import java.util.Map;

/**
 * How a simulated carrier gateway behaves, whatever its protocol.
 *
 * @param tps                  submits admitted per second, 0 = unlimited; beyond it the protocol's flow-control result
 * @param maxWindow            unanswered submits per connection; beyond it the flow-control result too
 * @param receiptDelay         time from the submit answer to the status report
 * @param outcomes             report stat → weight, e.g. {@code DELIVRD: 95, UNDELIV: 5}
 * @param seed                 makes outcomes reproducible; null = random
 * @param reportBeforeResponse send the status report before the submit answer, as a busy gateway sometimes does
 */
public record SimBehaviour(int tps, int maxWindow, Duration receiptDelay, Map<String, Integer> outcomes, Long seed,
                           boolean reportBeforeResponse) {

    public SimBehaviour {
        if (tps < 0 || maxWindow < 1) {
            throw new IllegalArgumentException("tps must be >= 0 and maxWindow >= 1");
        }
        if (receiptDelay == null || receiptDelay.isNegative()) {
            throw new IllegalArgumentException("receiptDelay must not be negative");
        }
        OutcomeMix.validate(outcomes);
        outcomes = Map.copyOf(outcomes);
    }

    /** Unlimited rate, window 64, every message DELIVRD after 500 ms. */
    public static SimBehaviour defaults() {
        return new SimBehaviour(0, 64, Duration.ofMillis(500), OutcomeMix.ALL_DELIVERED, null, false);
    }

    public SimBehaviour withLimits(int newTps, int newMaxWindow) {
        return new SimBehaviour(newTps, newMaxWindow, receiptDelay, outcomes, seed, reportBeforeResponse);
    }

    public SimBehaviour withReceipts(Duration delay, Map<String, Integer> mix, Long newSeed) {
        return new SimBehaviour(tps, maxWindow, delay, mix, newSeed, reportBeforeResponse);
    }

    public SimBehaviour withReportBeforeResponse(boolean value) {
        return new SimBehaviour(tps, maxWindow, receiptDelay, outcomes, seed, value);
    }
}
