package org.sms1069.wire.codec;

/** Packed BCD, two digits a byte, high nibble first (SMGP MsgID). */
public final class Bcd {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Bcd() {
    }

    /**
     * Renders each nibble as a digit. Non-decimal nibbles come out as A–F rather than failing,
     * because the id is an opaque key and must survive a round trip.
     */
    public static String toDigits(Octets octets) {
        char[] out = new char[octets.length() * 2];
        for (int i = 0; i < octets.length(); i++) {
            int b = octets.get(i) & 0xFF;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0F];
        }
        return new String(out);
    }

    /** Parses {@code 2 * length} digits (either case for A–F). */
    public static Octets fromDigits(String digits, int length) {
        if (digits.length() != 2 * length) {
            throw new IllegalArgumentException("expected " + 2 * length + " BCD digits, got " + digits.length());
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (nibble(digits.charAt(2 * i)) << 4 | nibble(digits.charAt(2 * i + 1)));
        }
        return Octets.of(bytes);
    }

    private static int nibble(char c) {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new IllegalArgumentException("not a BCD digit: " + c);
        }
        return value;
    }
}
