package org.sms1069.wire.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Builds expected PDU bytes field by field, straight from the reference tables, independently of the encoders.
 */
public final class WireBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static WireBytes wire() {
        return new WireBytes();
    }

    public WireBytes hex(String hex) {
        return bytes(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public WireBytes u8(int value) {
        out.write(value);
        return this;
    }

    public WireBytes u32(long value) {
        return u8((int) (value >>> 24)).u8((int) (value >>> 16)).u8((int) (value >>> 8)).u8((int) value);
    }

    public WireBytes u64(long value) {
        return u32(value >>> 32).u32(value);
    }

    /** {@code str(width)}: ASCII, NUL padded. */
    public WireBytes str(String value, int width) {
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        bytes(ascii);
        return zeros(width - ascii.length);
    }

    public WireBytes zeros(int count) {
        return bytes(new byte[count]);
    }

    public WireBytes bytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public byte[] build() {
        return out.toByteArray();
    }

    /** Prepends the 4-byte total length to everything written so far. */
    public byte[] framed() {
        byte[] rest = build();
        return wire().u32(rest.length + 4L).bytes(rest).build();
    }
}
