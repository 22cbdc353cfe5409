package org.sms1069.wire.codec;

/**
 * The GSM 03.38 default alphabet, unpacked (one septet per octet, as SMPP carries it with data_coding 0), with
 * the escape to its extension table. A septet the tables do not know becomes a space, as handsets show it.
 */
public final class Gsm7 {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final int ESCAPE = 0x1B;

    static {
        if (BASIC.length() != 128) {
            throw new ExceptionInInitializerError("GSM 03.38 table has " + BASIC.length() + " characters");
        }
    }

    private Gsm7() {
    }

    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_SEPTETS = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** Unpacked septets of {@code text}; a character neither table has becomes '?'. */
    public static byte[] encode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
            int extended = EXTENSION_CHARS.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
            } else if (extended >= 0) {
                out.write(ESCAPE);
                out.write(EXTENSION_SEPTETS[extended]);
            } else {
                out.write('?');
            }
        }
        return out.toByteArray();
    }

    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < septets.length) {
                text.append(extension(septets[++i] & 0x7F));
            } else if (septet != ESCAPE) {
                text.append(BASIC.charAt(septet));
            }
        }
        return text.toString();
    }

    private static char extension(int septet) {
        return switch (septet) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> ' ';
        };
    }
}
