package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;

/** Small field rules shared by the three protocol codecs. */
public final class PduFields {

    private PduFields() {
    }

    /** Checks a length read from the wire against what is left of the frame, before anything is allocated. */
    public static int checkReadable(ByteBuf in, long length, String field) {
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException(field + " needs " + length + " bytes, " + in.readableBytes() + " left");
        }
        return (int) length;
    }

    /** Only bit 0 of TP_udhi is defined. */
    public static boolean udhi(int tpUdhi) {
        return (tpUdhi & 0x01) != 0;
    }

    /** Writes a one-byte count or length, rejecting values that do not fit. */
    public static void writeUint8(ByteBuf out, int value, String field) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " is one byte: " + value);
        }
        out.writeByte(value);
    }

    /** Writes a fixed-size binary field (authenticator, message id), rejecting any other size. */
    public static void writeExactly(ByteBuf out, Octets value, int length, String field) {
        if (value.length() != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes, is " + value.length());
        }
        value.writeTo(out);
    }
}
