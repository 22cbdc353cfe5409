package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The {@code str(n)} fields shared by CMPP, SGIP and SMGP: fixed width, left aligned, padded with NUL.
 */
public final class FixedStrings {

    private FixedStrings() {
    }

    /**
     * Reads {@code width} bytes. Liberal: stops at the first NUL (some gateways leave garbage after it)
     * and strips trailing spaces.
     */
    public static String read(ByteBuf in, int width) {
        int start = in.readerIndex();
        int end = start;
        int limit = start + width;
        if (limit > in.writerIndex()) {
            throw new IndexOutOfBoundsException("str(" + width + ") at " + start + " exceeds the frame");
        }
        while (end < limit && in.getByte(end) != 0) {
            end++;
        }
        while (end > start && in.getByte(end - 1) == ' ') {
            end--;
        }
        String value = in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        in.skipBytes(width);
        return value;
    }

    /**
     * Reads a trailing {@code str(width)} field (Reserve, LinkID) that some gateways shorten or leave out:
     * takes what is left of the frame, up to {@code width}.
     */
    public static String readTrailing(ByteBuf in, int width) {
        return read(in, Math.min(width, in.readableBytes()));
    }

    /** Writes {@code value} as ASCII, padded with NUL to {@code width}; rejects values that do not fit. */
    public static void write(ByteBuf out, String value, int width, String field) {
        int length = value == null ? 0 : value.length();
        if (length > width) {
            throw new IllegalArgumentException(field + " is " + length + " characters, the field holds " + width);
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException(field + " must be ASCII");
            }
            out.writeByte(c);
        }
        out.writeZero(width - length);
    }
}
