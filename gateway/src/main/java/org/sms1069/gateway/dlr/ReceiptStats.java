package org.sms1069.gateway.dlr;

import org.sms1069.model.MessageStatus;

import java.util.Locale;
import java.util.Set;

/** Maps a carrier's raw stat to our status, and to a metric label from a fixed set; the raw stat itself is kept beside it. */
public final class ReceiptStats {
    /** The standard stats (CMPP, SMGP, SMPP text receipts) and "DELIVERED", the one spelling some carriers use. */
    private static final Set<String> STANDARD = Set.of("DELIVRD", "DELIVERED", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD",
            "UNKNOWN", "REJECTD");
    /** Families of carrier error stats ({@code MK:0001} counts as {@code MK}); LT is the SGIP error code's. */
    private static final Set<String> FAMILIES = Set.of("MK", "MN", "MA", "MB", "MC", "MI", "CA", "CB", "CL", "DB", "ID",
            "IA", "IB", "IC", "SME", "LT");
    static final String NONE = "NONE";
    static final String OTHER = "other";

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

    /**
     * The {@code stat} label of a receipt metric: a standard stat, an error family ({@code MK:0001} is
     * {@code MK}), {@code NONE} without a stat, and {@code other} for anything else, so that whatever
     * text a carrier sends, the number of series stays bounded.
     */
    public static String metricLabel(String stat) {
        if (stat == null || stat.isBlank()) {
            return NONE;
        }
        String s = stat.strip().toUpperCase(Locale.ROOT);
        if (STANDARD.contains(s)) {
            return s;
        }
        int colon = s.indexOf(':');
        String family = colon > 0 ? s.substring(0, colon) : s;
        return FAMILIES.contains(family) ? family : OTHER;
    }
}
