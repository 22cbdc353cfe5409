package org.sms1069.gateway.dlr;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Carriers print the same message id in different forms: hex in submit_sm_resp and decimal in the
 * receipt (SMPP), upper or lower case, with leading zeros, CMPP's 64-bit id signed or unsigned.
 * Every form an id may take maps to the same set of keys, so two prints of one id share a key.
 */
public final class CarrierIds {
    private static final int PHONE_DIGITS = 11;
    private CarrierIds() {
    }

    /**
     * The keys of one recipient's receipt under an id the carrier gave a whole multi-recipient submit (SGIP and
     * SMGP answer one id for up to 100 phones): each form of the id with the phone's last 11 digits, which
     * stay the same whether the carrier prints 86, +86 or neither. Empty when the phone has no digits.
     */
    public static Set<String> keys(String rawId, String phone) {
        Set<String> keys = new LinkedHashSet<>();
        String digits = phoneDigits(phone);
        if (digits.isEmpty()) {
            return keys;
        }
        String suffix = "/" + digits;
        keys(rawId).forEach(key -> keys.add(key + suffix));
        return keys;
    }

    public static Set<String> keys(String rawId) {
        Set<String> keys = new LinkedHashSet<>();
        String id = canonical(rawId);
        if (id.isEmpty()) {
            return keys;
        }
        keys.add(id);
        if (id.length() <= 16 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            keys.add("D" + Long.toUnsignedString(Long.parseUnsignedLong(id, 16)));
        }
        if (id.length() <= 20 && id.chars().allMatch(Character::isDigit)) {
            parseUnsignedDecimal(id).ifPresent(value -> keys.add("D" + Long.toUnsignedString(value)));
        }
        if (id.startsWith("-") && id.length() <= 20 && id.substring(1).chars().allMatch(Character::isDigit)) {
            parseSignedDecimal(id).ifPresent(value -> keys.add("D" + Long.toUnsignedString(value)));
        }
        return keys;
    }

    /**
     * Every canonical print that denotes the same id as {@code rawId} under {@link #keys(String)}: the id itself and,
     * for each number it may be (hex, decimal, signed decimal), that number in hex, decimal and signed decimal. Two
     * prints share a key exactly when one's canonical form is among the other's prints, so a part is kept under its
     * canonical form alone and a receipt looks up its prints.
     */
    public static Set<String> prints(String rawId) {
        Set<String> prints = new LinkedHashSet<>();
        String id = canonical(rawId);
        if (id.isEmpty()) {
            return prints;
        }
        prints.add(id);
        keys(id).stream().filter(key -> key.startsWith("D") && !key.equals(id)).forEach(key -> {
            long value = Long.parseUnsignedLong(key.substring(1));
            prints.add(Long.toHexString(value).toUpperCase(Locale.ROOT));
            prints.add(Long.toUnsignedString(value));
            if (value < 0) {
                prints.add(Long.toString(value));
            }
        });
        return prints;
    }

    /** The last 11 digits of a phone, which stay the same whether the carrier prints 86, +86 or neither; "" without digits. */
    public static String phoneDigits(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        return digits.substring(Math.max(0, digits.length() - PHONE_DIGITS));
    }

    /** Trimmed, upper case, without leading zeros (but "0" stays "0"). */
    public static String canonical(String rawId) {
        if (rawId == null) {
            return "";
        }
        String id = rawId.strip().replace("\u0000", "").toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < id.length() - 1 && id.charAt(i) == '0') {
            i++;
        }
        return id.substring(i);
    }

    /** A carrier's garbage ("-", below Long.MIN_VALUE) is just an id without a numeric form, never an error. */
    private static java.util.Optional<Long> parseSignedDecimal(String digits) {
        try {
            return java.util.Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<Long> parseUnsignedDecimal(String digits) {
        try {
            return java.util.Optional.of(Long.parseUnsignedLong(digits));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
