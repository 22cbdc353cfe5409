package org.sms1069.model.phone;

/**
 * A destination number in its canonical form: 11 digits for mainland China ("13800138000"),
 * otherwise E.164 with a leading '+' ("+447700900123").
 */
public record PhoneNumber(String value, boolean mainland) {

    public PhoneNumber {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("phone number is empty");
        }
    }

    /** Digits only, as carrier protocols expect them (no '+'). */
    public String digits() {
        return mainland ? value : value.substring(1);
    }

    /** "138****8000": phone numbers are personal data and are masked in every log line. */
    public String masked() {
        return PhoneNumbers.mask(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
