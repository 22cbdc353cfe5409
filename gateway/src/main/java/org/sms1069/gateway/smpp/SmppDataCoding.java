package org.sms1069.gateway.smpp;

import org.sms1069.wire.codec.Gsm7;
import org.sms1069.wire.codec.Octets;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The text of a deliver_sm by its data_coding: SMPP 3.4 §5.2.19 for 0x00-0x0F (0 = the SMSC default alphabet,
 * GSM 03.38 here; 1 IA5; 3 Latin-1; 8 UCS2; 2 and 4 binary), GSM 03.38 data coding for the rest (groups 00xx
 * and 01xx with a message class, 1100-1110 message waiting, 1111 data coding / message class); compressed text
 * cannot be read and is kept as binary. Binary content comes out
 * as hex, so that nothing is lost.
 */
final class SmppDataCoding {
    private static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
    private static final Charset ISO_8859_8 = Charset.forName("ISO-8859-8");

    private enum Alphabet { GSM7, ASCII, LATIN1, CYRILLIC, HEBREW, UCS2, BINARY }

    private SmppDataCoding() {
    }

    static String decode(byte dataCoding, byte[] body) {
        return switch (alphabet(dataCoding & 0xFF)) {
            case GSM7 -> Gsm7.decode(body);
            case ASCII -> new String(body, StandardCharsets.US_ASCII);
            case LATIN1 -> new String(body, StandardCharsets.ISO_8859_1);
            case CYRILLIC -> new String(body, ISO_8859_5);
            case HEBREW -> new String(body, ISO_8859_8);
            case UCS2 -> new String(body, StandardCharsets.UTF_16BE);
            case BINARY -> Octets.of(body).toHex();
        };
    }

    private static Alphabet alphabet(int dcs) {
        if (dcs < 0x10) {
            return switch (dcs) {
                case 0x00 -> Alphabet.GSM7;
                case 0x01 -> Alphabet.ASCII;
                case 0x02, 0x04 -> Alphabet.BINARY;
                case 0x06 -> Alphabet.CYRILLIC;
                case 0x07 -> Alphabet.HEBREW;
                case 0x08 -> Alphabet.UCS2;
                default -> Alphabet.LATIN1; // 3 Latin-1; JIS and KS C sets are not used by our carriers
            };
        }
        if (dcs < 0x80) { // general data coding (and its automatic-deletion twin): bits 3-2 the alphabet
            boolean compressed = (dcs & 0x20) != 0;
            return compressed ? Alphabet.BINARY : gsmAlphabet(dcs >> 2 & 0x03);
        }
        if (dcs >= 0xF0) { // data coding / message class: bit 2 chooses 8-bit data over the default alphabet
            return (dcs & 0x04) != 0 ? Alphabet.BINARY : Alphabet.GSM7;
        }
        if (dcs >= 0xE0) {
            return Alphabet.UCS2; // message waiting, UCS2
        }
        return dcs >= 0xC0 ? Alphabet.GSM7 : Alphabet.BINARY; // message waiting; 0x80-0xBF reserved
    }

    private static Alphabet gsmAlphabet(int bits) {
        return switch (bits) {
            case 0 -> Alphabet.GSM7;
            case 2 -> Alphabet.UCS2;
            default -> Alphabet.BINARY;
        };
    }
}
