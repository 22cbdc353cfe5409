package org.sms1069.gateway.smpp;

import java.util.Map;
import java.util.Set;

/** SMPP 3.4 command_status of a submit_sm_resp: which are worth retrying, and their names. */
final class SmppResults {
    private static final int THROTTLED = 0x58;
    private static final Set<Integer> RETRYABLE = Set.of(
            0x08,  // ESME_RSYSERR: SMSC-side error
            0x14,  // ESME_RMSGQFUL: message queue full
            0x58,  // ESME_RTHROTTLED: throttling error
            0x64); // ESME_RX_T_APPN: temporary application error
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "ESME_RINVMSGLEN"), Map.entry(0x08, "ESME_RSYSERR"), Map.entry(0x0A, "ESME_RINVSRCADR"),
            Map.entry(0x0B, "ESME_RINVDSTADR"), Map.entry(0x14, "ESME_RMSGQFUL"), Map.entry(0x45, "ESME_RSUBMITFAIL"),
            Map.entry(0x58, "ESME_RTHROTTLED"), Map.entry(0x64, "ESME_RX_T_APPN"), Map.entry(0x65, "ESME_RX_P_APPN"),
            Map.entry(0x66, "ESME_RX_R_APPN"));

    private SmppResults() {
    }

    static boolean isFlowControl(int commandStatus) {
        return commandStatus == THROTTLED;
    }

    static boolean isRetryable(int commandStatus) {
        return RETRYABLE.contains(commandStatus);
    }

    static String name(int commandStatus) {
        return NAMES.getOrDefault(commandStatus, "ESME") + "(0x" + Integer.toHexString(commandStatus) + ")";
    }
}
