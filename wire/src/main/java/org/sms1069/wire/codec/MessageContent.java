package org.sms1069.wire.codec;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The user data of a submit or deliver exactly as on the wire, with its coding byte and the TP_udhi flag.
 * {@link #toString()} never shows the bytes: message text must not reach the logs.
 */
public record MessageContent(int format, boolean udhi, Octets bytes) {

    public static final MessageContent EMPTY = new MessageContent(MessageFormat.ASCII, false, Octets.EMPTY);

    public MessageContent {
        if (format < 0 || format > 0xFF) {
            throw new IllegalArgumentException("format must fit a byte: " + format);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
    }

    /** Encodes {@code text} in a text format (0 ASCII, 8 UCS2, 15 GBK) without a UDH. */
    public static MessageContent ofText(int format, String text) {
        Charset charset = MessageFormat.encodingCharset(format);
        return new MessageContent(format, false, Octets.of(text.getBytes(charset)));
    }

    /** One segment of a long message: the UDH followed by already encoded text. */
    public static MessageContent segment(int format, ConcatenationUdh udh, byte[] encodedText) {
        byte[] header = udh.toBytes();
        byte[] all = new byte[header.length + encodedText.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(encodedText, 0, all, header.length, encodedText.length);
        return new MessageContent(format, true, Octets.of(all));
    }

    public int length() {
        return bytes.length();
    }

    /** The bytes after the UDH (all bytes when TP_udhi is 0); a UDH longer than the content yields nothing. */
    public Octets userData() {
        if (!udhi || bytes.length() == 0) {
            return bytes;
        }
        int headerLength = 1 + (bytes.get(0) & 0xFF);
        return headerLength >= bytes.length() ? Octets.EMPTY : bytes.slice(headerLength, bytes.length());
    }

    public Optional<ConcatenationUdh> concatenation() {
        return udhi ? ConcatenationUdh.find(bytes) : Optional.empty();
    }

    public boolean isText() {
        return MessageFormat.charsetFor(format).isPresent();
    }

    /**
     * Decodes the user data to text, dropping trailing NUL padding. ASCII content with bytes above 0x7F is read
     * as GB18030, since gateways put GBK text under format 0 more often than they send 8-bit garbage.
     *
     * @throws IllegalStateException for a binary format ({@link #isText()} is false)
     */
    public String text() {
        Charset charset = MessageFormat.charsetFor(format)
                .orElseThrow(() -> new IllegalStateException("format " + format + " is binary"));
        byte[] data = userData().toByteArray();
        if (charset.name().equals("US-ASCII") && hasHighBytes(data)) {
            charset = MessageFormat.GB_DECODING;
        }
        String text = new String(data, charset);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean hasHighBytes(byte[] data) {
        for (byte b : data) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "MessageContent[format=" + format + ", udhi=" + udhi + ", length=" + bytes.length() + "]";
    }
}
