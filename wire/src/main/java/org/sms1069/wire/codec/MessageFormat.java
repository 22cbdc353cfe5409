package org.sms1069.wire.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The coding byte (CMPP Msg_Fmt, SGIP MessageCoding, SMGP MsgFormat) and the Java charset behind it.
 */
public final class MessageFormat {

    public static final int ASCII = 0;
    public static final int SIM_WRITE = 3;
    public static final int BINARY = 4;
    public static final int UCS2 = 8;
    /** "GB" in CMPP, GBK in SGIP, GB18030 in SMGP. */
    public static final int GB = 15;
    public static final int USIM = 0xF6;

    /** Decoding as GB18030 also reads GBK and GB2312, of which it is a superset. */
    public static final Charset GB_DECODING = Charset.forName("GB18030");
    public static final Charset GBK = Charset.forName("GBK");

    private MessageFormat() {
    }

    /**
     * The charset for decoding a format, or empty for binary content. Besides the listed values it accepts
     * the GSM 03.38 data coding schemes that gateways pass through: general group {@code 00xxxxxx} with
     * alphabet bits 10 (UCS2) or 00 (default alphabet, read as ASCII), and group {@code 1111xxxx}.
     */
    public static Optional<Charset> charsetFor(int format) {
        if (format == GB) {
            return Optional.of(GB_DECODING);
        }
        if (format < 0x80) {
            return switch (format & 0x0C) {
                case 0x08 -> Optional.of(StandardCharsets.UTF_16BE);
                case 0x00 -> Optional.of(StandardCharsets.US_ASCII);
                default -> Optional.empty();
            };
        }
        if ((format & 0xF0) == 0xF0) {
            return (format & 0x04) == 0 ? Optional.of(StandardCharsets.US_ASCII) : Optional.empty();
        }
        if ((format & 0xF0) == 0xE0) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    /** The charset for encoding outgoing text: GBK for 15, as the reference recommends for all three. */
    public static Charset encodingCharset(int format) {
        return switch (format) {
            case ASCII -> StandardCharsets.US_ASCII;
            case UCS2 -> StandardCharsets.UTF_16BE;
            case GB -> GBK;
            default -> throw new IllegalArgumentException("format " + format + " is not a text format");
        };
    }
}
