package org.sms1069.carriersim.sgip;

import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipSequence;

import java.util.Map;

/**
 * What a REPORT will say about one recipient of one SUBMIT: State 0 delivered, or 2 failed with the SGIP
 * ErrorCode that fits the stat (reference §2.6, §2.9). Its own sequence is given when it is sent.
 */
record SgipOutcome(SgipSequence submitSequence, String userNumber, int state, int errorCode) {
    private static final int USER_UNREACHABLE = 25;
    private static final int UNKNOWN_USER = 29;
    private static final int SYSTEM_FAILURE = 32;
    private static final Map<String, Integer> ERRORS = Map.of("EXPIRED", USER_UNREACHABLE, "UNDELIV", UNKNOWN_USER);

    static SgipOutcome of(SgipSequence submitSequence, String userNumber, DeliveryOutcome outcome) {
        if (outcome.delivered()) {
            return new SgipOutcome(submitSequence, userNumber, SgipReport.DELIVERED, 0);
        }
        return new SgipOutcome(submitSequence, userNumber, SgipReport.FAILED, ERRORS.getOrDefault(outcome.stat(), SYSTEM_FAILURE));
    }

    SgipReport report(SgipSequence sequence) {
        return new SgipReport(sequence, submitSequence, 0, userNumber, state, errorCode);
    }
}
