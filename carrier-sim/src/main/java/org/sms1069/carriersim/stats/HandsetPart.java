package org.sms1069.carriersim.stats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.sms1069.model.phone.PhoneNumbers;

/**
 * One segment of one message to one phone, as the handset would see it: the phone (without +86), the part's
 * position (number of total) and a 64-bit SHA-256 prefix of the part's text (without the UDH). The UDH
 * reference is left out on purpose: a platform that resends a part may give it a new reference, and the
 * handset would still show the same text twice. The same text sent twice to one phone on purpose also counts
 * as a duplicate, which the platform's identical-content rule (30 s) makes rare.
 */
public record HandsetPart(String phone, int number, int total, long textHash) {

    public static HandsetPart of(String phone, String text, int number, int total) {
        return new HandsetPart(withoutCountryCode(phone), number, total, hash(text == null ? "" : text));
    }

    private static String withoutCountryCode(String phone) {
        String digits = phone.startsWith("+") ? phone.substring(1) : phone;
        return digits.startsWith("86") && digits.length() == 13 ? digits.substring(2) : digits;
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Masks the phone. */
    @Override
    public String toString() {
        return "HandsetPart[" + PhoneNumbers.mask(phone) + ", part " + number + "/" + total + "]";
    }
}
