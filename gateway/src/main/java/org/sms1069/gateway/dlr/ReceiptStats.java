package org.sms1069.gateway.dlr;

import org.sms1069.model.MessageStatus;

import java.util.Locale;

/** Maps a carrier's raw stat to our status; the raw stat itself is kept beside it. */
public final class ReceiptStats {
    private ReceiptStats() {
    }

    public static MessageStatus statusOf(String stat) {
        String s = stat == null ? "" : stat.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "DELIVRD", "DELIVERED", "0" -> MessageStatus.DELIVERED;
            case "EXPIRED" -> MessageStatus.EXPIRED;
            default -> MessageStatus.UNDELIVERED;
        };
    }
}
