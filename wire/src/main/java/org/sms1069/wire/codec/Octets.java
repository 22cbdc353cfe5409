package org.sms1069.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte sequence with value equality, for the binary fields of PDUs
 * (authenticators, message ids, message content, TLV values).
 */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    public static Octets fromHex(String hex) {
        return new Octets(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** Reads {@code length} bytes; the caller has checked that they are there. */
    public static Octets read(ByteBuf in, int length) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return new Octets(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte get(int index) {
        return bytes[index];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public Octets slice(int from, int to) {
        return new Octets(Arrays.copyOfRange(bytes, from, to));
    }

    /** A read-only buffer over these bytes, for parsing structures nested in a field (no copy, no release). */
    public ByteBuf asBuffer() {
        return Unpooled.wrappedBuffer(bytes).asReadOnly();
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    public String toHex() {
        return ByteBufUtil.hexDump(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
