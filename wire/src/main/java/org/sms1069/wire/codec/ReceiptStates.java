package org.sms1069.wire.codec;

import java.util.Locale;
import java.util.Set;

/**
 * Receipt states that are not an outcome: the carrier took the message (ACCEPTD) or is still trying (ENROUTE), and
 * the final receipt follows. Every protocol drops them the same way: the DELIVER is answered with success and
 * nothing is handed on, so a message never shows UNDELIVERED on its way to DELIVRD.
 */
public final class ReceiptStates {
    private static final Set<String> INTERMEDIATE = Set.of("ACCEPTD", "ACCEPTED", "ENROUTE");

    private ReceiptStates() {
    }

    public static boolean isIntermediate(String stat) {
        return stat != null && INTERMEDIATE.contains(stat.strip().toUpperCase(Locale.ROOT));
    }
}
