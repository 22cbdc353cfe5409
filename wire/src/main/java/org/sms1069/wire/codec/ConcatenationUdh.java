package org.sms1069.wire.codec;

import java.util.Optional;

/**
 * The GSM 03.40 concatenation header of a long-message segment: {@code 05 00 03 RR TT NN} (8-bit reference)
 * or {@code 06 08 04 RH RL TT NN} (16-bit reference).
 */
public record ConcatenationUdh(int reference, int total, int number) {

    private static final int IEI_8BIT = 0x00;
    private static final int IEI_16BIT = 0x08;

    public ConcatenationUdh {
        if (reference < 0 || reference > 0xFFFF) {
            throw new IllegalArgumentException("reference out of range: " + reference);
        }
        if (total < 1 || total > 255 || number < 1 || number > total) {
            throw new IllegalArgumentException("segment " + number + " of " + total);
        }
    }

    /** The 6-byte header with an 8-bit reference (the low byte of {@link #reference}). */
    public byte[] toBytes() {
        return new byte[] {0x05, IEI_8BIT, 0x03, (byte) reference, (byte) total, (byte) number};
    }

    /** The 7-byte header with a 16-bit reference. */
    public byte[] toBytes16() {
        return new byte[] {0x06, IEI_16BIT, 0x04, (byte) (reference >> 8), (byte) reference,
                (byte) total, (byte) number};
    }

    /** Finds a concatenation element in the UDH at the start of {@code userData}; other elements are skipped. */
    public static Optional<ConcatenationUdh> find(Octets userData) {
        if (userData.length() == 0) {
            return Optional.empty();
        }
        int end = 1 + (userData.get(0) & 0xFF);
        int i = 1;
        while (i + 2 <= end && end <= userData.length()) {
            int iei = userData.get(i) & 0xFF;
            int length = userData.get(i + 1) & 0xFF;
            int value = i + 2;
            if (value + length > end) {
                break;
            }
            if (iei == IEI_8BIT && length == 3) {
                return segment(userData.get(value) & 0xFF, userData, value + 1);
            }
            if (iei == IEI_16BIT && length == 4) {
                return segment((userData.get(value) & 0xFF) << 8 | userData.get(value + 1) & 0xFF,
                        userData, value + 2);
            }
            i = value + length;
        }
        return Optional.empty();
    }

    private static Optional<ConcatenationUdh> segment(int reference, Octets data, int at) {
        int total = data.get(at) & 0xFF;
        int number = data.get(at + 1) & 0xFF;
        if (total < 1 || number < 1 || number > total) {
            return Optional.empty();
        }
        return Optional.of(new ConcatenationUdh(reference, total, number));
    }
}
