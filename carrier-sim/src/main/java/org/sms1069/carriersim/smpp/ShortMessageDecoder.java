package org.sms1069.carriersim.smpp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a short_message into user data header and text and decodes the text by data_coding.
 * Malformed headers are not rejected: the simulator records what it can and lets the test judge.
 */
final class ShortMessageDecoder {
    static final int ESM_CLASS_UDHI = 0x40;
    static final int DATA_CODING_DEFAULT = 0x00;
    static final int DATA_CODING_LATIN1 = 0x03;
    static final int DATA_CODING_UCS2 = 0x08;
    /** Not in SMPP 3.4, but Chinese gateways use CMPP's value 15 for GBK. */
    static final int DATA_CODING_GBK = 0x0F;

    private static final int IE_CONCAT_8BIT_REF = 0x00;
    private static final int IE_CONCAT_16BIT_REF = 0x08;

    private ShortMessageDecoder() {
    }

    static ShortMessage decode(byte[] payload, int esmClass, int dataCoding) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        if ((esmClass & ESM_CLASS_UDHI) == 0 || bytes.length == 0) {
            return new ShortMessage(decodeText(bytes, dataCoding), null);
        }
        int headerLength = Byte.toUnsignedInt(bytes[0]);
        int textStart = Math.min(bytes.length, 1 + headerLength);
        Concatenation concatenation = findConcatenation(bytes, textStart);
        byte[] text = Arrays.copyOfRange(bytes, textStart, bytes.length);
        return new ShortMessage(decodeText(text, dataCoding), concatenation);
    }

    static String decodeText(byte[] bytes, int dataCoding) {
        return new String(bytes, charset(dataCoding));
    }

    static Charset charset(int dataCoding) {
        return switch (dataCoding) {
            case DATA_CODING_UCS2 -> StandardCharsets.UTF_16BE;
            case DATA_CODING_GBK -> Charset.forName("GBK");
            case DATA_CODING_LATIN1 -> StandardCharsets.ISO_8859_1;
            // 0x00 is the SMSC default alphabet; Chinese SMSCs treat it as ASCII
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    private static Concatenation findConcatenation(byte[] bytes, int headerEnd) {
        int i = 1;
        while (i + 1 < headerEnd) {
            int id = Byte.toUnsignedInt(bytes[i]);
            int length = Byte.toUnsignedInt(bytes[i + 1]);
            int data = i + 2;
            if (data + length > headerEnd) {
                return null;
            }
            if (id == IE_CONCAT_8BIT_REF && length == 3) {
                return new Concatenation(u8(bytes, data), u8(bytes, data + 1), u8(bytes, data + 2));
            }
            if (id == IE_CONCAT_16BIT_REF && length == 4) {
                int reference = (u8(bytes, data) << 8) | u8(bytes, data + 1);
                return new Concatenation(reference, u8(bytes, data + 2), u8(bytes, data + 3));
            }
            i = data + length;
        }
        return null;
    }

    private static int u8(byte[] bytes, int index) {
        return Byte.toUnsignedInt(bytes[index]);
    }
}
