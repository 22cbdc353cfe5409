package org.sms1069.model;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Message ids: 26 characters of Crockford base32, time-ordered (48-bit milliseconds first,
 * then 80 random bits), so ids sort by acceptance time and never collide across instances.
 */
public final class MessageIds {
    private static final String ALPHABET_TEXT = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final char[] ALPHABET = ALPHABET_TEXT.toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String next() {
        return next(Clock.systemUTC());
    }

    public static String next(Clock clock) {
        long millis = clock.millis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    /** True when the text has the shape of an id made here (cheap check before a lookup). */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 26) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (ALPHABET_TEXT.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
