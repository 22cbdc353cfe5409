package org.sms1069.model.phone;

import java.util.Optional;

/**
 * Parses what apps type into canonical numbers. Accepts "+86 138 0013 8000", "0086-13800138000",
 * "8613800138000"; refuses 13-digit IoT numbers (they cannot receive SMS) and anything that is
 * not a mobile number.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** The canonical number, or a reason why the input is not one. */
    public static Parsed parse(String input) {
        if (input == null || input.isBlank()) {
            return Parsed.invalid("phone number is empty");
        }
        String compact = input.strip().replaceAll("[\\s\\-()]", "");
        boolean plus = compact.startsWith("+");
        String digits = plus ? compact.substring(1) : compact;
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
            plus = true;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Parsed.invalid("phone number may contain only digits, spaces, '-', '(' ')' and a leading '+'");
        }
        if (!plus && digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        } else if (plus && digits.startsWith("86")) {
            digits = digits.substring(2);
        } else if (plus) {
            if (digits.length() < 7 || digits.length() > 15) {
                return Parsed.invalid("international number must have 7 to 15 digits");
            }
            return Parsed.valid(new PhoneNumber("+" + digits, false));
        }
        if (digits.length() == 13 && digits.startsWith("14")) {
            return Parsed.invalid("13-digit IoT numbers cannot receive SMS");
        }
        if (digits.length() != 11 || digits.charAt(0) != '1' || digits.charAt(1) < '3') {
            return Parsed.invalid("mainland mobile number must have 11 digits starting with 13-19");
        }
        return Parsed.valid(new PhoneNumber(digits, true));
    }

    /** Keeps the first three and last four digits of a mainland number; long ones keep more. */
    public static String mask(String phone) {
        if (phone == null) {
            return "null";
        }
        int n = phone.length();
        if (n <= 4) {
            return "****";
        }
        int keepHead = Math.min(3, n - 4);
        return phone.substring(0, keepHead) + "****" + phone.substring(n - 4);
    }

    /** Result of parsing: exactly one of {@code number} and {@code error} is present. */
    public record Parsed(Optional<PhoneNumber> number, String error) {
        static Parsed valid(PhoneNumber number) {
            return new Parsed(Optional.of(number), null);
        }

        static Parsed invalid(String error) {
            return new Parsed(Optional.empty(), error);
        }

        public boolean isValid() {
            return number.isPresent();
        }
    }
}
