package org.sms1069.carriersim.receipt;

import java.util.Map;
import java.util.Objects;

/**
 * What the simulated handset network reports for one message: the 7-character receipt
 * status ({@code DELIVRD}, {@code UNDELIV}, {@code MK:0001}, ...) and a 3-digit error code.
 */
public record DeliveryOutcome(String stat, String error) {
    public static final String DELIVERED_STAT = "DELIVRD";
    public static final DeliveryOutcome DELIVERED = new DeliveryOutcome(DELIVERED_STAT, "000");

    /** Longest status the text receipts (SMPP, SMGP) and CMPP's fixed 7-octet field can carry. */
    public static final int MAX_STAT_LENGTH = 7;

    public DeliveryOutcome {
        Objects.requireNonNull(stat, "stat");
        Objects.requireNonNull(error, "error");
        if (stat.isBlank() || stat.length() > MAX_STAT_LENGTH || stat.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("stat must be 1.." + MAX_STAT_LENGTH + " characters without spaces: '" + stat + "'");
        }
    }

    /** The usual error code for each standard stat (SMGP table); vendor stats like MK:0001 get 006. */
    private static final Map<String, String> USUAL_ERRORS = Map.of(
            DELIVERED_STAT, "000",
            "EXPIRED", "001",
            "UNDELIV", "006",
            "DELETED", "006",
            "REJECTD", "006",
            "UNKNOWN", "999",
            "ACCEPTD", "000");

    public static DeliveryOutcome of(String stat) {
        return new DeliveryOutcome(stat, USUAL_ERRORS.getOrDefault(stat, "006"));
    }

    public boolean delivered() {
        return DELIVERED_STAT.equals(stat);
    }
}
